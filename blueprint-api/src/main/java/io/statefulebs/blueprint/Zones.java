package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/** Ready-made zone selectors. */
public final class Zones {
    private Zones() {
    }

    /**
     * The first eligible zone by name: the walkthrough's {@code AvailabilityZones[0]}, minus zones that cannot work.
     *
     * @return the selector
     */
    public static ZoneSelector firstAvailable() {
        return new ZoneSelector() {
            @Override
            public String choose(List<AvailabilityZone> zones) {
                return zones.get(0).name();
            }

            @Override
            public String description() {
                return "the first available zone";
            }

            @Override
            public String toString() {
                return description();
            }
        };
    }
}
