package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;

import java.util.List;
import java.util.Objects;

/** Ready-made zone selectors, and the zones a cluster itself offers. */
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

    /**
     * The zones {@code backend}'s cluster offers for {@code blueprint}, when no other zone source is given: the
     * backend's own list if it has one (the simulated cluster), else the zones its Karpenter NodePools can launch the
     * blueprint's pods in (requirements on {@code topology.kubernetes.io/zone}, node class subnets, the workload's node
     * selector). That source throws {@link io.statefulebs.blueprint.error.PreflightFailedException} when nothing on
     * the cluster restricts the zone (a NodePool that names none): then only EC2 or the user can choose.
     *
     * @param backend   the cluster
     * @param blueprint the blueprint whose pods need a node (its zone, if any, is not consulted)
     * @return the cluster's zone source
     * @throws io.statefulebs.blueprint.error.PreflightFailedException when the backend can tell neither its zones nor
     *                                                                 its NodePools (name the zone, or pass a source)
     * @throws NullPointerException naming the argument, when one is null
     */
    public static ZoneSource ofCluster(ClusterBackend backend, StatefulEbsBlueprint blueprint) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(blueprint, "blueprint");
        if (backend instanceof ZoneSource own) {
            return own;
        }
        if (backend instanceof ClusterChecks checks) {
            return new NodePoolZones(checks, blueprint);
        }
        String wanted = blueprint.zoneSelector().map(ZoneSelector::description).orElse("a zone");
        throw new PreflightFailedException(List.of(Finding.error("zone-source", "", "zone: " + wanted
                + " needs a zone source, and backend " + backend.name() + " has none",
                "name the zone with .zone(\"eu-west-2a\") or add blueprint-aws and pass .zoneSource(...)")));
    }
}
