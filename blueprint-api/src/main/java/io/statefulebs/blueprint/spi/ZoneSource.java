package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/**
 * Lists the availability zones a blueprint may use, sorted by name, only zones that can actually run it
 * (available, not a Local or Wavelength zone, where the cluster has subnets when that is known). Thread-safe.
 * When no zone is eligible, prefer throwing {@link io.statefulebs.blueprint.error.PreflightFailedException} saying
 * why (region, subnets) over returning an empty list, which can only be reported generically.
 */
@FunctionalInterface
public interface ZoneSource {
    /** {@return the eligible zones, sorted by name} */
    List<AvailabilityZone> availableZones();

    /**
     * Where the zones come from, for a person reading the output, e.g. "EC2 in eu-west-2, zones with the cluster's
     * subnets".
     *
     * @return a short description; "the zone source" unless the implementation says more
     */
    default String description() {
        return "the zone source";
    }
}
