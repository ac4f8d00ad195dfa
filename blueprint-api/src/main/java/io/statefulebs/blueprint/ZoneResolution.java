package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;

import java.util.List;

/** Turns a zone selector into a zone name, from the given zone source or the backend's. */
final class ZoneResolution {
    private ZoneResolution() {
    }

    static StatefulEbsBlueprint resolve(StatefulEbsBlueprint blueprint, DeployOptions options, ClusterBackend backend) {
        if (blueprint.zone().isPresent()) {
            return blueprint;
        }
        ZoneSelector selector = blueprint.zoneSelector().orElseThrow();
        ZoneSource source = options.zoneSource().or(() -> Zones.ofCluster(backend, blueprint))
                .orElseThrow(() -> new PreflightFailedException(List.of(Finding.error("zone-source", "",
                        "zone: " + selector.description() + " needs a zone source, and backend " + backend.name() + " has none",
                        "name the zone with .zone(\"eu-west-2a\") or add blueprint-aws and pass .zoneSource(...)"))));
        List<AvailabilityZone> zones = source.availableZones();
        if (zones.isEmpty()) {
            throw new PreflightFailedException(List.of(Finding.error("zone-source", "",
                    "zone: the zone source offers no eligible zone for " + selector.description(),
                    "check the region and the cluster's subnets, or name the zone")));
        }
        return blueprint.withZone(selector.choose(zones));
    }
}
