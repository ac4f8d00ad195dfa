package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.CsiNodeView;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.NodePoolDetails;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * NodePools whose nodes leave fewer free EBS attachment slots than the pending pods that fit them need: what a node
 * of the pool's instance types can attach is read from the CSINodes of the nodes it launched (the driver's
 * allocatable count, after ENIs and the root volume), so a pool without such nodes is not judged. Each pending pod
 * beyond the free slots waits for Karpenter to launch a node; a pod needing more volumes than any of the pool's nodes
 * takes can only run on a larger instance type. Pods that can never be placed for other reasons are left out.
 * Warning: it works as long as Karpenter can launch those nodes.
 */
final class AttachHeadroomRule implements Rule {
    private static final String EBS_DRIVER = "ebs.csi.aws.com";

    @Override
    public List<Finding> examine(Examination cluster) {
        List<PodDetails> pending = cluster.inventory().pods().stream()
                .filter(p -> p.pod().phase().equals("Pending") && p.pod().node().isEmpty() && !p.pod().claimNames().isEmpty()).toList();
        List<Finding> findings = new ArrayList<>();
        if (pending.isEmpty()) {
            return findings;
        }
        // A pod that can never be placed (pending-placement's error) needs no slot: it would only blur this finding.
        Set<String> never = PendingPlacementRule.neverPlaced(cluster);
        pending = pending.stream().filter(p -> !never.contains(p.ref())).toList();
        for (NodePoolDetails pool : cluster.inventory().nodePools()) {
            Map<String, int[]> slots = slots(cluster, pool.pool().name());
            List<PodDetails> fitting = pending.stream()
                    .filter(p -> PendingPlacementRule.misfit(pool.pool(), p.nodeSelector()).isEmpty()).toList();
            if (slots.isEmpty() || fitting.isEmpty()) {
                continue;
            }
            int free = slots.values().stream().mapToInt(s -> Math.max(0, s[0] - s[1])).sum();
            int largest = slots.values().stream().mapToInt(s -> s[0]).max().orElse(0);
            int needed = fitting.stream().mapToInt(p -> p.pod().claimNames().size()).sum();
            List<PodDetails> tooMany = fitting.stream().filter(p -> p.pod().claimNames().size() > largest).toList();
            if (needed <= free && tooMany.isEmpty()) {
                continue;
            }
            findings.add(finding(pool, slots, fitting, free, largest, needed, tooMany));
        }
        return findings;
    }

    /** Per node of the pool with an EBS CSINode: {allocatable, attached}. */
    private static Map<String, int[]> slots(Examination cluster, String pool) {
        Map<String, int[]> slots = new TreeMap<>();
        for (NodeDetails node : cluster.inventory().nodes()) {
            if (!node.node().nodePool().equals(pool)) {
                continue;
            }
            Optional<Integer> allocatable = cluster.inventory().csiNodes().stream().filter(c -> c.node().equals(node.name()))
                    .map(CsiNodeView::allocatableByDriver).map(m -> m.get(EBS_DRIVER)).filter(c -> c != null).findFirst();
            allocatable.ifPresent(count -> slots.put(node.name(), new int[] {count, (int) cluster.inventory().attachments().stream()
                    .filter(a -> a.attachment().node().equals(node.name()) && a.driver().equals(EBS_DRIVER)).count()}));
        }
        return slots;
    }

    private static Finding finding(NodePoolDetails pool, Map<String, int[]> slots, List<PodDetails> fitting, int free, int largest,
                                   int needed, List<PodDetails> tooMany) {
        String name = pool.pool().name();
        List<String> objects = new ArrayList<>(List.of("NodePool/" + name));
        fitting.forEach(p -> objects.add(p.ref()));
        List<String> evidence = new ArrayList<>();
        Map<String, String> perNode = new TreeMap<>();
        slots.forEach((node, s) -> perNode.put(node, s[1] + "/" + s[0]));
        evidence.add("EBS attachments per node of NodePool " + name + " (attached/CSINode allocatable): " + perNode);
        evidence.add("pending pods with volumes that fit it: " + fitting.size() + ", needing " + needed + " attachment(s)");
        tooMany.forEach(p -> evidence.add(p.ref() + " mounts " + p.pod().claimNames().size() + " volumes"));
        pool.pool().requirements("node.kubernetes.io/instance-type").forEach(r -> evidence.add("NodePool " + name + " requires " + r));
        String cause = "NodePool " + name + "'s nodes have " + free + " free EBS attachment slot(s) for the " + needed
                + " its pending pods need (a node takes at most " + largest + ")"
                + (tooMany.isEmpty() ? ": the rest wait for Karpenter to launch nodes, and fail when its limits "
                + (pool.limits().isEmpty() ? "or capacity" : new TreeMap<>(pool.limits()).toString()) + " stop it"
                : "; " + new TreeSet<>(tooMany.stream().map(PodDetails::ref).toList()) + " mount more volumes than any of its"
                + " nodes can attach");
        return new Finding(DoctorChecks.ATTACH_HEADROOM, Finding.Severity.WARNING, objects, evidence, cause,
                "allow instance types with more attachment slots in NodePool " + name + " (larger Nitro sizes; fewer ENIs),"
                        + " or spread the volumes over more nodes (topology spread, fewer volumes per pod)");
    }
}
