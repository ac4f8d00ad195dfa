package io.statefulebs.blueprint.examples.walkthrough;

import java.util.Locale;

/** How a walkthrough step ended. */
public enum StepOutcome {
    PASSED, FAILED, SKIPPED;

    /** Lower-case, as the JSON report writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
