package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.AttachmentDetails;
import io.statefulebs.blueprint.inventory.CsiNodeView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nodes whose VolumeAttachments of a driver reach the count the CSINode allows: the scheduler places no more pods
 * with such volumes there, and a pod already there whose volume is not attached waits for a slot. Error when such a
 * pod exists, warning otherwise. A namespace's examination reports only the nodes its pods or volumes use.
 */
final class AttachCapacityRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (CsiNodeView csiNode : cluster.inventory().csiNodes()) {
            if (!cluster.nodeInScope(csiNode.node())) {
                continue;
            }
            for (Map.Entry<String, Integer> limit : new java.util.TreeMap<>(csiNode.allocatableByDriver()).entrySet()) {
                List<AttachmentDetails> onNode = cluster.inventory().attachments().stream()
                        .filter(a -> a.attachment().node().equals(csiNode.node()) && a.driver().equals(limit.getKey())).toList();
                if (onNode.size() < limit.getValue()) {
                    continue;
                }
                List<PodDetails> waiting = cluster.inventory().pods().stream()
                        .filter(p -> p.pod().node().equals(csiNode.node()) && !p.pod().running() && !p.pod().claimNames().isEmpty())
                        .filter(p -> !attached(cluster, p, onNode)).toList();
                List<String> objects = new ArrayList<>();
                objects.add("Node/" + csiNode.node());
                waiting.forEach(p -> objects.add(p.ref()));
                List<String> evidence = new ArrayList<>();
                evidence.add("CSINode/" + csiNode.node() + " " + limit.getKey() + " allocatable.count=" + limit.getValue());
                evidence.add("VolumeAttachments on " + csiNode.node() + ": " + onNode.size());
                waiting.forEach(p -> evidence.add(p.ref() + " phase=" + p.pod().phase() + " reason=" + p.pod().reason()));
                findings.add(new Finding(DoctorChecks.ATTACH_CAPACITY, waiting.isEmpty() ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                        objects, evidence, "node " + csiNode.node() + " has " + onNode.size() + " " + limit.getKey()
                        + " volume(s) attached of the " + limit.getValue() + " it can take" + (waiting.isEmpty()
                        ? ": no further pod with such a volume can run there"
                        : "; " + waiting.size() + " pod(s) there wait for a volume that cannot attach until another detaches"),
                        "spread the stateful pods (topology spread constraints, or a NodePool of instance types with more"
                                + " attachment slots), or move pods off " + csiNode.node()));
            }
        }
        return findings;
    }

    /** Whether every claim of the pod is bound to a volume attached to its node. */
    private static boolean attached(Examination cluster, PodDetails pod, List<AttachmentDetails> onNode) {
        return pod.pod().claimNames().stream().allMatch(name -> cluster.inventory().claim(pod.namespace(), name)
                .map(c -> onNode.stream().anyMatch(a -> a.attachment().volumeName().equals(c.volumeName()) && a.attachment().attached()))
                .orElse(false));
    }
}
