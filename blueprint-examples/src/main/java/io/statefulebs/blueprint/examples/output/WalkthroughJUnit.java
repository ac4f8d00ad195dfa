package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.examples.output.junit.JUnitCase;
import io.statefulebs.blueprint.examples.output.junit.JUnitSuite;
import io.statefulebs.blueprint.examples.walkthrough.StepOutcome;
import io.statefulebs.blueprint.examples.walkthrough.StepRecord;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughReport;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A walkthrough as a JUnit suite: one test case per step, its wall time, failure and kubectl-style output. */
public final class WalkthroughJUnit {
    static final String SUITE = "stateful-ebs-walkthrough";

    private WalkthroughJUnit() {
    }

    public static JUnitSuite suite(WalkthroughReport report, StepTranscripts transcripts) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("backend", report.backend());
        properties.put("runId", report.runId());
        properties.put("namespace", report.namespace());
        properties.put("zone", report.zone());
        Instant start = report.steps().stream().map(StepRecord::startedAt).findFirst().orElse(Instant.EPOCH);
        return new JUnitSuite(SUITE, start, properties, report.steps().stream()
                .map(step -> testCase(report.backend(), step, transcripts.of(step.step()))).toList());
    }

    private static JUnitCase testCase(String backend, StepRecord step, String output) {
        Optional<JUnitCase.Failure> failure = step.error().map(error ->
                new JUnitCase.Failure(error.type(), step.summary(), step.message()
                        + error.cause().map(c -> "\nCaused by: " + c).orElse("")));
        Optional<String> skipped = step.outcome() == StepOutcome.SKIPPED ? Optional.of(step.message()) : Optional.empty();
        return new JUnitCase(SUITE + "." + backend, step.step().label(), step.wallTime(), failure, skipped, output);
    }
}
