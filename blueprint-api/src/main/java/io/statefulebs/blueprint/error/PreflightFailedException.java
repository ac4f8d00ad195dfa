package io.statefulebs.blueprint.error;

import java.util.List;
import java.util.stream.Collectors;

/** The cluster cannot run the blueprint as specified; nothing was applied. Each failed check says how to fix it. */
public class PreflightFailedException extends BlueprintException {
    private final List<String> failures;

    public PreflightFailedException(List<String> failures) {
        super("preflight failed, nothing was applied:"
                + failures.stream().map(f -> "\n  - " + f).collect(Collectors.joining()));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }
}
