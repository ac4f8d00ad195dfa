package io.statefulebs.blueprint.examples.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.doctor.DoctorChecks;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.examples.output.junit.JUnitCase;
import io.statefulebs.blueprint.examples.output.junit.JUnitSuite;
import io.statefulebs.blueprint.view.Finding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The doctor's report as JSON ({@code --report}) and as JUnit XML ({@code --junit}), each carrying every finding.
 * In JUnit, each finding is a test case of its check (an error-level one fails), and each check without findings
 * one passing case, so a CI dashboard lists what was checked.
 */
public final class DoctorReportFiles {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ObjectNode toJson(DoctorReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("backend", report.backend());
        root.put("scope", report.scope().all() ? "all-namespaces" : report.scope().namespace());
        root.put("takenAt", report.takenAt().toString());
        root.put("healthy", !report.hasErrors());
        ObjectNode counts = root.putObject("counts");
        for (Finding.Severity severity : Finding.Severity.values()) {
            counts.put(severity.name().toLowerCase(java.util.Locale.ROOT), report.findings(severity).size());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode node = findings.addObject().put("severity", f.severity().name()).put("check", f.check());
            strings(node.putArray("objects"), f.objects());
            strings(node.putArray("evidence"), f.evidence());
            node.put("cause", f.cause()).put("fix", f.fix());
        }
        return root;
    }

    public void writeJson(DoctorReport report, Path file) {
        try {
            OutputFiles.write(file, mapper.writeValueAsString(toJson(report)) + "\n", "the report");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file, e);
        }
    }

    /** Every finding as a test case of its check (an error-level one fails), and a passing case per clean check. */
    public JUnitSuite toJUnit(DoctorReport report) {
        List<JUnitCase> cases = new ArrayList<>();
        for (String check : DoctorChecks.ALL) {
            List<Finding> found = report.findings(check);
            if (found.isEmpty()) {
                cases.add(new JUnitCase("doctor." + check, check, Duration.ZERO, Optional.empty(), Optional.empty(), ""));
            }
            for (Finding f : found) {
                String object = f.objects().isEmpty() ? check : f.objects().get(0);
                String text = f.severity() + ": " + f.cause() + "\nobjects: " + String.join(", ", f.objects())
                        + "\nevidence:\n" + String.join("\n", f.evidence().stream().map(e -> "  - " + e).toList()) + "\nfix: " + f.fix();
                boolean fails = f.severity() == Finding.Severity.ERROR;
                cases.add(new JUnitCase("doctor." + check, object, Duration.ZERO,
                        fails ? Optional.of(new JUnitCase.Failure(check, f.cause(), text)) : Optional.empty(), Optional.empty(),
                        fails ? "" : text));
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("backend", report.backend());
        properties.put("scope", report.scope().all() ? "all-namespaces" : report.scope().namespace());
        return new JUnitSuite("stateful-storage-doctor", report.takenAt(), properties, cases);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
