package io.statefulebs.blueprint.examples.output.junit;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link JUnitSuite} in the JUnit XML format Jenkins, GitLab and GitHub's test reporters read: one
 * {@code testsuite} whose cases carry {@code failure} or {@code skipped} and their own {@code system-out}.
 * The timestamp is UTC without a zone suffix, as that format has it; characters XML 1.0 cannot hold (terminal
 * escapes, NUL) are replaced by U+FFFD.
 */
public final class JUnitXmlWriter {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String toXml(JUnitSuite suite) {
        StringWriter text = new StringWriter();
        write(suite, text);
        return text.toString();
    }

    private void write(JUnitSuite suite, Writer out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", safe(suite.name()));
            xml.writeAttribute("tests", String.valueOf(suite.cases().size()));
            xml.writeAttribute("failures", String.valueOf(suite.failures()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(suite.skipped()));
            xml.writeAttribute("time", seconds(suite.cases().stream().map(JUnitCase::time).reduce(Duration.ZERO, Duration::plus)));
            xml.writeAttribute("timestamp", TIMESTAMP.format(suite.timestamp().truncatedTo(ChronoUnit.SECONDS)));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> property : new TreeMap<>(suite.properties()).entrySet()) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", safe(property.getKey()));
                xml.writeAttribute("value", safe(property.getValue()));
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (JUnitCase testCase : suite.cases()) {
                writeCase(xml, testCase);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void writeCase(XMLStreamWriter xml, JUnitCase testCase) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", safe(testCase.classname()));
        xml.writeAttribute("name", safe(testCase.name()));
        xml.writeAttribute("time", seconds(testCase.time()));
        if (testCase.failure().isPresent()) {
            JUnitCase.Failure failure = testCase.failure().get();
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("type", safe(failure.type()));
            xml.writeAttribute("message", safe(failure.message()));
            xml.writeCharacters(safe(failure.detail()));
            xml.writeEndElement();
        }
        if (testCase.skipped().isPresent()) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", safe(testCase.skipped().get()));
        }
        if (!testCase.output().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(safe(testCase.output()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.3f", time.toNanos() / 1e9);
    }

    /** The text with every character XML 1.0 cannot carry replaced. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(allowed(c) ? c : 0xFFFD));
        return out.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
