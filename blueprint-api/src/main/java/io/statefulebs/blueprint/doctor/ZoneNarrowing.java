package io.statefulebs.blueprint.doctor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The zones a pod may still run in as its constraints are applied one by one, and each constraint in words. */
final class ZoneNarrowing {
    /** Null until a constraint names zones: any zone. */
    private Set<String> zones;
    private final List<String> constraints = new ArrayList<>();

    void narrow(Collection<String> allowed, String constraint) {
        constraints.add(constraint + " " + new TreeSet<>(allowed));
        if (zones == null) {
            zones = new TreeSet<>(allowed);
        } else {
            zones.retainAll(allowed);
        }
    }

    boolean impossible() {
        return zones != null && zones.isEmpty();
    }

    /** The zones left, or "any zone" when nothing constrained them. */
    String describe() {
        return zones == null ? "any zone" : "zone(s) " + zones;
    }

    List<String> constraints() {
        return List.copyOf(constraints);
    }
}
