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
        ZoneSource source = options.zoneSource().orElseGet(() -> Zones.ofCluster(backend, blueprint));
        List<AvailabilityZone> zones = source.availableZones();
        if (zones.isEmpty()) {
            throw new PreflightFailedException(List.of(Finding.error("zone-source", "",
                    "zone: the zone source offers no eligible zone for " + selector.description(),
                    "check the region and the cluster's subnets, or name the zone")));
        }
        return blueprint.withZone(selector.choose(zones));
    }
}
