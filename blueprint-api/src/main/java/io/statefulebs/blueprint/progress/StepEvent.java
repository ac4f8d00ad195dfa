package io.statefulebs.blueprint.progress;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a run starting or ending.
 *
 * @param runId       the run
 * @param step        the step, e.g. {@code await-ready}
 * @param status      started, passed or failed
 * @param clusterTime when, on the backend's clock (virtual on a simulated cluster)
 * @param clusterElapsed time since the step started on the backend's clock (zero when started)
 * @param wallElapsed wall-clock time since the step started (zero when started)
 * @param message     what the step does or did, or why it failed
 */
public record StepEvent(String runId, String step, StepStatus status, Instant clusterTime, Duration clusterElapsed,
                        Duration wallElapsed, String message) {
}
