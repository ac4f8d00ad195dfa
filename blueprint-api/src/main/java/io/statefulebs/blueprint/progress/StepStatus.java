package io.statefulebs.blueprint.progress;

/** Where a step is. */
public enum StepStatus {
    STARTED, PASSED, FAILED
}
