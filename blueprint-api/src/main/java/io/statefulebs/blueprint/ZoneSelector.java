package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.AvailabilityZone;

import java.util.List;

/** Chooses a zone from those a {@link io.statefulebs.blueprint.spi.ZoneSource} offers, at deploy time. See {@link Zones}. */
public interface ZoneSelector {
    /**
     * @param zones eligible zones sorted by name, never empty
     * @return the chosen zone's name
     */
    String choose(List<AvailabilityZone> zones);

    /** {@return a description for messages, e.g. "the first available zone"} */
    String description();
}
