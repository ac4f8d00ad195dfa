package io.statefulebs.blueprint.progress;

/** Where a step is. */
public enum StepStatus {
    /** The step began. */
    STARTED,
    /** The step ended well. */
    PASSED,
    /** The step failed. */
    FAILED
}
