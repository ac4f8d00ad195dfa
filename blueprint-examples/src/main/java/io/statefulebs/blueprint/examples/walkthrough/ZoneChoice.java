package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/**
 * The zone the walkthrough uses, how it was chosen, and the zones offered (empty when nothing was asked, e.g. a zone
 * given for a cluster reached through a kubeconfig only) with where they came from.
 *
 * @param zone      the zone used
 * @param how       how it was chosen: "given", or the zone selector's description
 * @param offered   the zones offered, sorted by name
 * @param offeredBy where the offered zones came from (the zone source's description); empty when none were offered
 */
public record ZoneChoice(String zone, String how, List<AvailabilityZone> offered, String offeredBy) {
    public ZoneChoice {
        offered = List.copyOf(offered);
    }
}
