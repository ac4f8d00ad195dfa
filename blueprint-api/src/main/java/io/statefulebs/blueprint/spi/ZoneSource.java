package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/**
 * Lists the availability zones a blueprint may use, sorted by name, only zones that can actually run it
 * (available, not a Local or Wavelength zone, where the cluster has subnets when that is known). Thread-safe.
 */
@FunctionalInterface
public interface ZoneSource {
    List<AvailabilityZone> availableZones();
}
