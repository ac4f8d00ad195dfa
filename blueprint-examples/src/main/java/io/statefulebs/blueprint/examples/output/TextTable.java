package io.statefulebs.blueprint.examples.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns as kubectl prints them: {@code kubectl get} pads columns with 3 spaces, {@code kubectl
 * describe} with 2.
 */
final class TextTable {
    private final int padding;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(int padding, String... headers) {
        this.padding = padding;
        this.headers = List.of(headers);
    }

    static TextTable get(String... headers) {
        return new TextTable(3, headers);
    }

    static TextTable describe(String... headers) {
        return new TextTable(2, headers);
    }

    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The table, one line per row, each ending in a newline; trailing spaces trimmed. */
    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        rows.forEach(r -> line(out, r, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length() + padding));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
