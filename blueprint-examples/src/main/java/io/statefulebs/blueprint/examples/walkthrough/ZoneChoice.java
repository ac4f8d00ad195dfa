package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/**
 * The zone the walkthrough uses, how it was chosen, and the zones the backend's zone source offered (empty when
 * it has none, e.g. a cluster reached through a kubeconfig only).
 */
public record ZoneChoice(String zone, String how, List<AvailabilityZone> offered) {
    public ZoneChoice {
        offered = List.copyOf(offered);
    }
}
