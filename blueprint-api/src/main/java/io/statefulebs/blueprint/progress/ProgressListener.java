package io.statefulebs.blueprint.progress;

/** Receives step events of a run, on the thread that runs the step. */
@FunctionalInterface
public interface ProgressListener {
    void onStep(StepEvent event);
}
