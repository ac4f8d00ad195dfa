package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.NodePoolDetails;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Pending, unscheduled pod with volumes: combines the zone of each bound claim's volume, the StorageClass of each
 * unbound one (allowed topologies, driver), the pod's node selector and required node affinity, the NodePools that
 * fit its selector (their zone requirements and subnet zones), its hard topology spread over zones ({@link ZoneSpread})
 * and the cluster's subnet zones into one answer: it can never be placed (error, with every conflicting constraint) or it is waiting (info, for what).
 */
final class PendingPlacementRule implements Rule {
    /** Label prefixes Karpenter knows values for without a NodePool naming them. */
    private static final List<String> WELL_KNOWN = List.of("kubernetes.io/", "node.kubernetes.io/", "topology.kubernetes.io/",
            "karpenter.sh/", "karpenter.k8s.aws/", "topology.ebs.csi.aws.com/", "beta.kubernetes.io/", "failure-domain.beta.kubernetes.io/");

    @Override
    public List<Finding> examine(Examination cluster) {
        return cluster.inventory().pods().stream()
                .filter(p -> p.pod().phase().equals("Pending") && p.pod().node().isEmpty() && !p.pod().claimNames().isEmpty())
                .map(p -> explain(cluster, p)).toList();
    }

    /** {@return the pods ({@code Pod/namespace/name}) this rule finds can never be placed} */
    static Set<String> neverPlaced(Examination cluster) {
        Set<String> pods = new TreeSet<>();
        new PendingPlacementRule().examine(cluster).stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                .forEach(f -> pods.add(f.objects().get(0)));
        return pods;
    }

    private Finding explain(Examination cluster, PodDetails pod) {
        ZoneNarrowing zones = new ZoneNarrowing();
        List<String> never = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        List<String> objects = new ArrayList<>(List.of(pod.ref()));
        String boundZone = "";
        for (String claimName : pod.pod().claimNames()) {
            Optional<ClaimView> claim = cluster.inventory().claim(pod.namespace(), claimName);
            if (claim.isEmpty()) {
                waits.add("claim " + claimName + " to be created");
                continue;
            }
            objects.add(Examination.claimRef(claim.get()));
            if (claim.get().bound()) {
                String zone = cluster.inventory().volume(claim.get().volumeName()).map(PersistentVolumeView::zone)
                        .filter(z -> !z.isEmpty()).orElse(claim.get().zone());
                if (!zone.isEmpty()) {
                    boundZone = zone;
                    zones.narrow(List.of(zone), "PersistentVolume/" + claim.get().volumeName() + " (claim " + claimName + ") is in");
                }
                continue;
            }
            unbound(cluster, claim.get(), zones, never, waits);
        }
        pod.nodeSelector().forEach((key, value) -> {
            if (Examination.ZONE_KEYS.contains(key)) {
                zones.narrow(List.of(value), "the pod's node selector " + key + " allows");
            }
        });
        affinityZones(pod).ifPresent(allowed -> zones.narrow(allowed, "the pod's required node affinity allows"));
        if (!cluster.subnetZones().isEmpty()) {
            zones.narrow(cluster.subnetZones(), "the cluster's subnets are in");
        }
        List<String> pools = pools(cluster, pod, zones, never, waits);
        List<String> unevaluated = new ArrayList<>();
        Set<String> domains = spreadDomains(cluster, pod);
        for (PodDetails.SpreadConstraint spread : pod.spreadConstraints()) {
            Optional<Map.Entry<Set<String>, String>> allowed = ZoneSpread.allowed(cluster, pod, spread, domains);
            if (allowed.isPresent()) {
                zones.narrow(allowed.get().getKey(), allowed.get().getValue());
            } else if (spread.hard() && Examination.ZONE_KEYS.contains(spread.topologyKey())) {
                unevaluated.add("topology spread over " + spread.topologyKey() + " maxSkew=" + spread.maxSkew() + " DoNotSchedule"
                        + " selecting " + spread.selector() + " not evaluated" + ZoneSpread.notEvaluated(spread).map(why -> ": " + why)
                        .orElse(" (no zone to count pods in)"));
            }
        }
        if (zones.impossible()) {
            never.add("no zone satisfies every constraint: " + String.join("; ", zones.constraints()));
        }
        List<String> evidence = new ArrayList<>(zones.constraints());
        evidence.addAll(unevaluated);
        lastScheduling(cluster, pod).ifPresent(e -> evidence.add("event " + e.type() + " " + e.reason() + " (x" + e.count()
                + ", last " + cluster.age(e.lastTime()) + " ago, " + e.source() + "): " + e.message()));
        String age = cluster.age(pod.pod().createdAt());
        if (!never.isEmpty()) {
            return new Finding(DoctorChecks.PLACEMENT, Finding.Severity.ERROR, objects, evidence, pod.ref() + " (Pending "
                    + age + ") can never be placed, because " + String.join("; and ", never), fix(boundZone, pools));
        }
        if (waits.isEmpty()) {
            waits.add("a node in " + zones.describe() + (pools.isEmpty() ? "" : " (Karpenter launches one from NodePool(s) " + pools + ")"));
        }
        return new Finding(DoctorChecks.PLACEMENT, Finding.Severity.INFO, objects, evidence, pod.ref() + " (Pending " + age
                + ") is waiting for " + String.join(", and ", waits),
                "nothing to change while it progresses; if it lasts, read the events above (kubectl describe pod " + pod.name() + ")");
    }

    private static void unbound(Examination cluster, ClaimView claim, ZoneNarrowing zones, List<String> never, List<String> waits) {
        Optional<StorageClassView> sc = cluster.inventory().storageClass(claim.storageClass());
        if (sc.isEmpty()) {
            never.add("claim " + claim.name() + " names StorageClass " + (claim.storageClass().isEmpty() ? "\"\"" : claim.storageClass())
                    + ", which does not exist");
            return;
        }
        String provisioner = sc.get().provisioner();
        if (!provisioner.startsWith("kubernetes.io/") && !cluster.inventory().csiDrivers().contains(provisioner)) {
            never.add("claim " + claim.name() + "'s StorageClass " + sc.get().name() + " names provisioner " + provisioner
                    + ", which no CSIDriver serves");
        }
        sc.get().allowedTopologies().stream().filter(r -> Examination.ZONE_KEYS.contains(r.key()) && r.operator().equals("In"))
                .forEach(r -> zones.narrow(r.values(), "StorageClass/" + sc.get().name() + " allowedTopologies allow"));
        if (!sc.get().waitsForFirstConsumer()) {
            waits.add("claim " + claim.name() + " to be provisioned (StorageClass " + sc.get().name() + " binds Immediate)");
        }
    }

    /** The zones any term of the required node affinity allows; empty when some term does not constrain the zone. */
    private static Optional<Set<String>> affinityZones(PodDetails pod) {
        if (pod.nodeAffinityTerms().isEmpty()) {
            return Optional.empty();
        }
        Set<String> union = new TreeSet<>();
        for (List<NodeRequirement> term : pod.nodeAffinityTerms()) {
            Optional<NodeRequirement> zone = term.stream()
                    .filter(r -> Examination.ZONE_KEYS.contains(r.key()) && r.operator().equals("In")).findFirst();
            if (zone.isEmpty()) {
                return Optional.empty();
            }
            union.addAll(zone.get().values());
        }
        return Optional.of(union);
    }

    /**
     * Narrows the zones to those of the NodePools whose requirements the pod's node selector fits (or, on a cluster
     * without NodePools, of the Ready nodes it fits) and returns those pools' names.
     */
    private static List<String> pools(Examination cluster, PodDetails pod, ZoneNarrowing zones, List<String> never, List<String> waits) {
        List<NodePoolDetails> all = cluster.inventory().nodePools();
        if (all.isEmpty()) {
            Set<String> nodeZones = new TreeSet<>();
            for (NodeDetails node : cluster.inventory().nodes()) {
                boolean fits = pod.nodeSelector().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(node.node().labels().get(e.getKey())));
                if (fits && node.node().ready() && !node.node().zone().isEmpty()) {
                    nodeZones.add(node.node().zone());
                }
            }
            if (nodeZones.isEmpty()) {
                waits.add("a Ready node matching its node selector (the cluster has no Karpenter NodePool)");
            } else {
                zones.narrow(nodeZones, "Ready nodes matching its node selector (no Karpenter NodePool) are in");
            }
            return List.of();
        }
        List<String> fitting = new ArrayList<>();
        List<String> misfits = new ArrayList<>();
        Set<String> poolZones = new TreeSet<>();
        boolean anyZone = false;
        for (NodePoolDetails details : all) {
            NodePoolView pool = details.pool();
            Optional<String> misfit = misfit(pool, pod.nodeSelector());
            if (misfit.isPresent()) {
                misfits.add("NodePool " + pool.name() + " " + misfit.get());
                continue;
            }
            fitting.add(pool.name());
            Optional<Set<String>> zonesOfPool = zonesOf(pool);
            if (zonesOfPool.isEmpty()) {
                anyZone = true;
            } else {
                poolZones.addAll(zonesOfPool.get());
            }
        }
        if (fitting.isEmpty()) {
            never.add("no NodePool fits its node selector " + new TreeMap<>(pod.nodeSelector()) + ": " + String.join("; ", misfits));
        } else if (!anyZone) {
            zones.narrow(poolZones, "NodePool(s) " + fitting + " launch nodes in");
        }
        return fitting;
    }

    /**
     * The zones a topology spread counts for this pod: those of the nodes matching its node selector and of the
     * NodePools fitting it (Karpenter counts the zones it can launch in), within the cluster's subnet zones when known.
     */
    private static Set<String> spreadDomains(Examination cluster, PodDetails pod) {
        Set<String> domains = new TreeSet<>();
        cluster.inventory().nodes().stream().map(NodeDetails::node)
                .filter(n -> !n.zone().isEmpty() && pod.nodeSelector().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(n.labels().get(e.getKey()))))
                .forEach(n -> domains.add(n.zone()));
        cluster.inventory().nodePools().stream().map(NodePoolDetails::pool)
                .filter(pool -> misfit(pool, pod.nodeSelector()).isEmpty())
                .forEach(pool -> zonesOf(pool).ifPresent(domains::addAll));
        if (!cluster.subnetZones().isEmpty()) {
            domains.retainAll(cluster.subnetZones());
        }
        return domains;
    }

    /** Why a NodePool cannot launch a node for this selector, if it cannot. */
    static Optional<String> misfit(NodePoolView pool, Map<String, String> selector) {
        for (Map.Entry<String, String> e : new TreeMap<>(selector).entrySet()) {
            Optional<NodeRequirement> violated = pool.violated(e.getKey(), e.getValue());
            if (violated.isPresent()) {
                return Optional.of("requires " + violated.get() + " (node selector " + e.getKey() + "=" + e.getValue() + ")");
            }
            String label = pool.templateLabels().get(e.getKey());
            if (label != null && !label.equals(e.getValue())) {
                return Optional.of("labels its nodes " + e.getKey() + "=" + label + " (node selector " + e.getKey() + "=" + e.getValue() + ")");
            }
            boolean known = label != null || pool.constrains(e.getKey()) || WELL_KNOWN.stream().anyMatch(p -> e.getKey().startsWith(p));
            if (!known) {
                return Optional.of("does not define label " + e.getKey() + " (node selector " + e.getKey() + "=" + e.getValue() + ")");
            }
        }
        return Optional.empty();
    }

    /** The zones a NodePool launches in: its zone requirement, within its node class's subnet zones when known. */
    private static Optional<Set<String>> zonesOf(NodePoolView pool) {
        Set<String> zones = null;
        for (NodeRequirement r : pool.requirements(Examination.ZONE)) {
            if (r.operator().equals("In")) {
                zones = new TreeSet<>(r.values());
            }
        }
        if (!pool.subnetZones().isEmpty()) {
            if (zones == null) {
                zones = new TreeSet<>(pool.subnetZones());
            } else {
                zones.retainAll(pool.subnetZones());
            }
        }
        return Optional.ofNullable(zones);
    }

    private static Optional<EventView> lastScheduling(Examination cluster, PodDetails pod) {
        List<EventView> events = cluster.inventory().eventsAbout(pod.namespace(), "Pod", pod.name()).stream()
                .filter(e -> e.reason().equals("FailedScheduling")).toList();
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    private static String fix(String boundZone, List<String> pools) {
        if (!boundZone.isEmpty()) {
            return "let a NodePool launch nodes in " + boundZone + " (its " + Examination.ZONE + " requirement and its node class's"
                    + " subnets)" + (pools.isEmpty() ? "" : ", e.g. " + pools.get(0)) + ", or restore the volume from a snapshot into a"
                    + " zone the NodePools allow";
        }
        return "make the pod's node selector and affinity, its StorageClass (allowedTopologies, provisioner) and a NodePool's"
                + " requirements agree on a zone where the cluster has subnets";
    }
}
