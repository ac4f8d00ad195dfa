package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.StatefulEbsBlueprint;

import java.time.Instant;

/** What a walkthrough is about to run: on which backend (described for people), which spec, from when. */
public record WalkthroughStart(String backend, String backendDescription, boolean virtualTime,
                               StatefulEbsBlueprint spec, Instant at) {
}
