package io.statefulebs.blueprint.examples.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JUnit XML report (the Ant/Surefire shape CI systems read): one suite of test cases, each passed or failed, with
 * text: a failure's body, or a pass's {@code system-out}. Shared by the CLI commands that write {@code --junit FILE}.
 */
public final class JUnitXml {
    private final String suite;
    private final List<Case> cases = new ArrayList<>();

    /** One test case; {@code failure} is empty for a pass. */
    public record Case(String className, String name, String failure, String output) {
        public Case {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(output, "output");
        }
    }

    public JUnitXml(String suite) {
        this.suite = Objects.requireNonNull(suite, "suite");
    }

    public JUnitXml add(Case testCase) {
        cases.add(Objects.requireNonNull(testCase, "testCase"));
        return this;
    }

    public String render() {
        long failures = cases.stream().filter(c -> !c.failure().isEmpty()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Case c : cases) {
            xml.append("  <testcase classname=\"").append(escape(c.className())).append("\" name=\"").append(escape(c.name())).append('"');
            if (c.failure().isEmpty() && c.output().isEmpty()) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n");
            if (!c.failure().isEmpty()) {
                xml.append("    <failure message=\"").append(escape(c.failure())).append("\">").append(escape(c.output()))
                        .append("</failure>\n");
            }
            if (c.failure().isEmpty()) {
                xml.append("    <system-out>").append(escape(c.output())).append("</system-out>\n");
            }
            xml.append("  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the JUnit report " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF)) {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
