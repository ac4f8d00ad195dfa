package io.statefulebs.blueprint.view;

import java.util.List;

/** The lines of a file read from inside a pod, as {@code kubectl exec POD -- cat PATH} prints them. */
public record FileContent(String pod, String path, List<String> lines) {
    /**
     * Copies the lines.
     *
     * @param pod the pod read from
     * @param path the file's path
     * @param lines the file's lines
     */
    public FileContent {
        lines = List.copyOf(lines);
    }

    /**
     * Splits {@code cat}'s output into lines, dropping empty ones.
     *
     * @param pod the pod read from
     * @param path the file's path
     * @param text what {@code cat} printed
     * @return the content
     */
    public static FileContent parse(String pod, String path, String text) {
        return new FileContent(pod, path, text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).stream()
                .filter(l -> !l.isEmpty()).toList());
    }

    /**
     * Whether every line of {@code earlier} is still here, in order, at the start of this content.
     *
     * @param earlier content read before
     * @return whether it is preserved
     */
    public boolean startsWith(FileContent earlier) {
        return lines.size() >= earlier.lines.size() && lines.subList(0, earlier.lines.size()).equals(earlier.lines);
    }

    /** {@return the lines joined by newlines} */
    public String text() {
        return String.join("\n", lines);
    }
}
