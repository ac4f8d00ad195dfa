package io.statefulebs.blueprint.error;

import io.statefulebs.blueprint.view.Finding;

import java.util.List;
import java.util.stream.Collectors;

/** The cluster cannot run the blueprint as specified; nothing was applied. Each finding says how to fix it. */
public class PreflightFailedException extends BlueprintException {
    /** The failed checks. */
    private final List<Finding> findings;

    /**
     * An exception listing the failed checks.
     *
     * @param findings one finding per failed check
     */
    public PreflightFailedException(List<Finding> findings) {
        super("preflight failed, nothing was applied:"
                + findings.stream().map(f -> "\n  - " + f).collect(Collectors.joining()));
        this.findings = List.copyOf(findings);
    }

    /** {@return the failed checks, typed: check, objects, cause and fix} */
    public List<Finding> findings() {
        return findings;
    }
}
