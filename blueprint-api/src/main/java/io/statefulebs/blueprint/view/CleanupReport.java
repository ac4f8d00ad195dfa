package io.statefulebs.blueprint.view;

import java.util.List;

/** What cleanup deleted and what was still there when it checked (listed, not assumed). */
public record CleanupReport(String runId, List<String> deleted, List<String> remaining) {
    public CleanupReport {
        deleted = List.copyOf(deleted);
        remaining = List.copyOf(remaining);
    }

    public boolean clean() {
        return remaining.isEmpty();
    }
}
