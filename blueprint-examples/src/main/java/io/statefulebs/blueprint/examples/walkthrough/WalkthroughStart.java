package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.StatefulEbsBlueprint;

import java.time.Instant;
import java.util.List;

/** What a walkthrough is about to run: on which backend (described for people), which spec, which steps, from when. */
public record WalkthroughStart(String backend, String backendDescription, boolean virtualTime,
                               StatefulEbsBlueprint spec, List<WalkthroughStep> steps, Instant at) {
    public WalkthroughStart {
        steps = List.copyOf(steps);
    }
}
