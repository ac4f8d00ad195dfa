package io.statefulebs.blueprint.view;

import java.util.List;

/**
 * What cleanup deleted, what was still there when it checked (listed, not assumed), and what it left alone because it
 * no longer carried this run's labels when it came to delete it (relabelled in between: someone else's now).
 */
public record CleanupReport(String runId, List<String> deleted, List<String> remaining, List<String> leftAlone) {
    public CleanupReport {
        deleted = List.copyOf(deleted);
        remaining = List.copyOf(remaining);
        leftAlone = List.copyOf(leftAlone);
    }

    /** Whether nothing of the run remains. */
    public boolean clean() {
        return remaining.isEmpty();
    }
}
