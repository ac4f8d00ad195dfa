package io.statefulebs.blueprint.view;

import java.util.List;

/**
 * What cleanup deleted, what was still there when it checked (listed, not assumed), and what it left alone because it
 * no longer carried this run's labels when it came to delete it (relabelled in between: someone else's now).
 */
public record CleanupReport(String runId, List<String> deleted, List<String> remaining, List<String> leftAlone) {
    /**
     * Copies the lists.
     *
     * @param runId the run
     * @param deleted the objects deleted (by the cleanup, or by the garbage collector with their owners)
     * @param remaining the objects still there
     * @param leftAlone the objects no longer carrying the run's labels
     */
    public CleanupReport {
        deleted = List.copyOf(deleted);
        remaining = List.copyOf(remaining);
        leftAlone = List.copyOf(leftAlone);
    }

    /** {@return whether nothing of the run remains} */
    public boolean clean() {
        return remaining.isEmpty();
    }
}
