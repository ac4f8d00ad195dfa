package io.statefulebs.blueprint.progress;

/** Receives step events of a run, on the thread that runs the step. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * Called when a step starts and when it ends.
     *
     * @param event the step, its status and timings
     */
    void onStep(StepEvent event);
}
