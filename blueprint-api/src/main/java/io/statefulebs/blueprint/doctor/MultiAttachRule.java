package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.MultiAttachDiagnoses;
import io.statefulebs.blueprint.inventory.AttachmentDetails;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods with {@code FailedAttachVolume} Multi-Attach errors, per workload, explained by the same logic as a run's
 * {@code diagnoseMultiAttach()} ({@link MultiAttachDiagnoses}) and with the recoveries whose precondition holds.
 */
final class MultiAttachRule implements Rule {
    static final Duration FORCE_DETACH = Duration.ofMinutes(6);

    @Override
    public List<Finding> examine(Examination cluster) {
        Map<String, List<PodDetails>> byWorkload = new LinkedHashMap<>();
        cluster.inventory().pods().forEach(p -> byWorkload.computeIfAbsent(Examination.workloadOf(p), w -> new ArrayList<>()).add(p));
        List<Finding> findings = new ArrayList<>();
        byWorkload.forEach((workload, pods) -> {
            String namespace = pods.get(0).namespace();
            List<PodView> views = pods.stream().map(PodDetails::pod).toList();
            List<EventView> events = cluster.inventory().events(namespace);
            for (MultiAttachDiagnosis d : MultiAttachDiagnoses.of(workload, views, events,
                    cluster.inventory().attachments().stream().map(AttachmentDetails::attachment).toList(),
                    cluster.inventory().nodes().stream().map(NodeDetails::node).toList())) {
                findings.add(finding(cluster, workload, namespace, d, events));
            }
        });
        return findings;
    }

    private static Finding finding(Examination cluster, String workload, String namespace, MultiAttachDiagnosis d, List<EventView> events) {
        boolean sharedByRunningReplicas = d.nodeExists() && d.nodeReady() && !d.attachedNode().isEmpty()
                && cluster.inventory().pods().stream().anyMatch(p -> Examination.workloadOf(p).equals(workload)
                && p.pod().running() && p.pod().node().equals(d.attachedNode()));
        boolean lasting = Duration.between(d.firstSeen(), cluster.now()).compareTo(FORCE_DETACH) > 0;
        // Never resolves by itself: replicas sharing a volume across nodes, or a NotReady node holding it, or a gone
        // node's attachment older than the force-detach delay.
        Finding.Severity severity = sharedByRunningReplicas || (d.nodeExists() && !d.nodeReady()) || (!d.nodeExists() && lasting)
                ? Finding.Severity.ERROR : d.attachedNode().isEmpty() ? Finding.Severity.INFO : Finding.Severity.WARNING;
        List<String> objects = new ArrayList<>();
        d.waitingPods().forEach(p -> objects.add("Pod/" + namespace + "/" + p));
        objects.add("PersistentVolume/" + d.volume());
        if (!d.attachment().isEmpty()) {
            objects.add("VolumeAttachment/" + d.attachment());
        }
        List<String> evidence = new ArrayList<>();
        events.stream().filter(e -> e.reason().equals("FailedAttachVolume") && e.message().contains("\"" + d.volume() + "\"")
                        && d.waitingPods().contains(e.objectName()))
                .forEach(e -> evidence.add("event " + e.type() + " " + e.reason() + " Pod/" + e.objectName() + " (x" + e.count()
                        + " over " + cluster.age(e.firstTime()) + "): " + e.message()));
        evidence.add(d.attachment().isEmpty() ? "no VolumeAttachment holds " + d.volume()
                : "VolumeAttachment/" + d.attachment() + " node=" + d.attachedNode() + " node "
                + (d.nodeExists() ? (d.nodeReady() ? "Ready" : "NotReady") : "gone"));
        String fix = sharedByRunningReplicas
                ? "run " + workload + " as a StatefulSet with volumeClaimTemplates (one claim per replica), or keep its replicas on one node"
                : Recoveries.applicable(d);
        return new Finding(DoctorChecks.MULTI_ATTACH, severity, objects, evidence,
                d.waitingPods().size() + " pod(s) of " + workload + " cannot attach " + d.volume() + " for " + cluster.age(d.firstSeen())
                        + ": " + d.explanation(), fix);
    }
}
