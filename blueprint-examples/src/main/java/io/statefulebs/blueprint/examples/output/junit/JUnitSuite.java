package io.statefulebs.blueprint.examples.output.junit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A JUnit XML test suite: its name, when it started, what it ran on (properties) and its cases in order. */
public record JUnitSuite(String name, Instant timestamp, Map<String, String> properties, List<JUnitCase> cases) {
    public JUnitSuite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        properties = Map.copyOf(properties);
        cases = List.copyOf(cases);
    }

    long failures() {
        return cases.stream().filter(c -> c.failure().isPresent()).count();
    }

    long skipped() {
        return cases.stream().filter(c -> c.skipped().isPresent()).count();
    }
}
