package io.statefulebs.blueprint;

import io.statefulebs.blueprint.progress.ProgressListener;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.progress.StepStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one step of a run, telling the listeners when it starts and how it ended, in cluster and wall time. A listener
 * that throws is logged and ignored: the run goes on.
 */
final class StepRunner {
    private static final System.Logger LOG = System.getLogger(StepRunner.class.getName());
    private final String runId;
    private final Clock clock;
    private final List<ProgressListener> listeners;

    StepRunner(String runId, Clock clock, List<ProgressListener> listeners) {
        this.runId = runId;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    <T> T run(String step, String description, Supplier<T> body) {
        return run(step, description, body, value -> description);
    }

    /** Like {@link #run(String, String, Supplier)}, with the success message made from the result. */
    <T> T run(String step, String description, Supplier<T> body, Function<T, String> outcome) {
        Instant started = clock.instant();
        long wallStart = System.nanoTime();
        emit(step, StepStatus.STARTED, started, Duration.ZERO, Duration.ZERO, description);
        try {
            T value = body.get();
            emit(step, StepStatus.PASSED, started, wallStart, outcome.apply(value));
            return value;
        } catch (RuntimeException e) {
            emit(step, StepStatus.FAILED, started, wallStart, e.getMessage());
            throw e;
        }
    }

    void run(String step, String description, Runnable body) {
        run(step, description, () -> {
            body.run();
            return null;
        });
    }

    private void emit(String step, StepStatus status, Instant started, long wallStart, String message) {
        Instant now = clock.instant();
        emit(step, status, now, Duration.between(started, now), Duration.ofNanos(System.nanoTime() - wallStart), message);
    }

    private void emit(String step, StepStatus status, Instant at, Duration cluster, Duration wall, String message) {
        StepEvent event = new StepEvent(runId, step, status, at, cluster, wall, message == null ? "" : message);
        for (ProgressListener listener : listeners) {
            try {
                listener.onStep(event);
            } catch (RuntimeException e) {
                // A listener is an observer: its failure must not leave the run half-done (objects behind, no cleanup).
                LOG.log(System.Logger.Level.WARNING, "progress listener " + listener + " failed on step " + step + " "
                        + status + " of run " + runId + "; the run goes on", e);
            }
        }
    }
}
