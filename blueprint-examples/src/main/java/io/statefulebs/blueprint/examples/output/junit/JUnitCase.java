package io.statefulebs.blueprint.examples.output.junit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One test case of a JUnit XML report: a walkthrough step, or a doctor's check.
 *
 * @param classname the group CI tools show it under (e.g. {@code stateful-ebs-walkthrough.simulated})
 * @param failure   present when it failed
 * @param skipped   why it did not run, when it did not
 * @param output    what it printed, for the case's {@code system-out}
 */
public record JUnitCase(String classname, String name, Duration time, Optional<Failure> failure,
                        Optional<String> skipped, String output) {
    public JUnitCase {
        Objects.requireNonNull(classname, "classname");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(skipped, "skipped");
        Objects.requireNonNull(output, "output");
        if (failure.isPresent() && skipped.isPresent()) {
            throw new IllegalArgumentException("test case " + name + " cannot both fail and be skipped");
        }
    }

    /** A failed check: the exception's type, its one-line summary and its full text. */
    public record Failure(String type, String message, String detail) {
        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
