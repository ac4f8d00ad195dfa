package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.view.CleanupReport;

import java.time.Duration;

/** Cleanup of a run by its id, for a process other than the one that deployed it (or after {@code keep()}). */
public final class Cleanup {
    private Cleanup() {
    }

    /**
     * Deletes every object labelled with {@code runId} in {@code namespace} (and cluster-scoped), and their volumes.
     *
     * @param backend the backend to delete on
     * @param namespace the run's namespace
     * @param runId the run id
     * @param timeout how long to wait for everything to be gone
     * @return what was deleted and what remains
     */
    public static CleanupReport run(ClusterBackend backend, String namespace, String runId, Duration timeout) {
        return RunCleanup.run(backend, namespace, runId, timeout);
    }
}
