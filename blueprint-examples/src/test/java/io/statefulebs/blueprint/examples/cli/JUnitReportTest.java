package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.examples.output.junit.JUnitCase;
import io.statefulebs.blueprint.examples.output.junit.JUnitSuite;
import io.statefulebs.blueprint.examples.output.junit.JUnitXmlWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The walkthrough's {@code --junit} report, validated against the JUnit XML schema CI servers read. */
class JUnitReportTest {
    @Test
    void aPassingWalkthroughIsOneTestCasePerStepWithItsKubectlOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reports/junit.xml");
        CliRun run = CliRun.of("--quiet", "--junit", file.toString());

        assertThat(run.exitCode()).isZero();
        String xml = Files.readString(file);
        validate(xml);
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("stateful-ebs-walkthrough");
        assertThat(suite.getAttribute("tests")).isEqualTo("11");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        List<Element> cases = cases(suite);
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly("zone", "apply", "await-ready",
                "inspect", "verify-zone", "read-file", "let-time-pass", "failover", "scale-down", "scale-up", "cleanup");
        assertThat(cases).allSatisfy(c -> assertThat(c.getAttribute("classname")).isEqualTo("stateful-ebs-walkthrough.simulated"));
        assertThat(text(cases.get(2), "system-out")).startsWith("[3/11] await-ready").contains("PASSED await-ready after");
        assertThat(text(cases.get(3), "system-out")).contains("> kubectl get pods").contains("PASSED inspect");
        assertThat(run.out()).as("quiet on the console, complete in the report").doesNotContain("> kubectl get pods");
    }

    @Test
    void aFailedStepCarriesItsExceptionTypeAndTheStepsNotReachedAreSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junit.xml");
        CliRun run = CliRun.of("--zone", "eu-west-1a", "--junit", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        String xml = Files.readString(file);
        validate(xml);
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("9");
        Element apply = cases(suite).get(1);
        Element failure = (Element) apply.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("io.statefulebs.blueprint.error.PreflightFailedException");
        assertThat(failure.getAttribute("message")).startsWith("preflight failed, nothing was applied:");
        assertThat(failure.getTextContent()).contains("eu-west-1a");
        assertThat(text(apply, "system-out")).contains("FAILED apply");
        Element skipped = (Element) cases(suite).get(2).getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("not run: an earlier step failed");
        assertThat(run.out()).contains("JUnit report written to " + file);
    }

    @Test
    void textXmlCannotCarryIsReplacedNotWrittenBroken() throws Exception {
        JUnitSuite suite = new JUnitSuite("s", Instant.parse("2026-11-28T07:00:00.123Z"), Map.of("k", "v\u0000"),
                List.of(new JUnitCase("c", "terminal \u001b[31mred\u001b[0m", Duration.ofMillis(1500),
                        Optional.of(new JUnitCase.Failure("T", "m <&> \"q\"", "bell \u0007")), Optional.empty(), "")));

        String xml = new JUnitXmlWriter().toXml(suite);

        validate(xml);
        Element testCase = cases(parse(xml).getDocumentElement()).get(0);
        assertThat(testCase.getAttribute("name")).isEqualTo("terminal \uFFFD[31mred\uFFFD[0m");
        assertThat(testCase.getAttribute("time")).isEqualTo("1.500");
        assertThat(((Element) testCase.getElementsByTagName("failure").item(0)).getAttribute("message")).isEqualTo("m <&> \"q\"");
        assertThat(parse(xml).getDocumentElement().getAttribute("timestamp")).isEqualTo("2026-11-28T07:00:00");
    }

    @Test
    void theSchemaRejectsWhatCiServersWouldNot() {
        assertThatThrownBy(() -> validate("<testsuite name='s'><testcase name='x'/></testsuite>"))
                .as("tests and classname are required").isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> validate("<testsuite name='s' tests='1'><testcase name='x' classname='c'>"
                + "<failure/><skipped/></testcase></testsuite>")).as("one outcome per case").isInstanceOf(SAXException.class);
    }

    static void validate(String xml) throws Exception {
        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schemas.newSchema(JUnitReportTest.class.getResource("/junit/junit-report.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(xml)));
    }

    private static List<Element> cases(Element suite) {
        NodeList nodes = suite.getElementsByTagName("testcase");
        List<Element> cases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            cases.add((Element) nodes.item(i));
        }
        return cases;
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
