package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Explains the attach-detach controller's {@code FailedAttachVolume} "Multi-Attach error for volume "pvc-..." events
 * from plain views: one {@link MultiAttachDiagnosis} per volume that pods are waiting for. Used by a run's
 * {@code diagnoseMultiAttach()} for its own pods and by the storage doctor for any workload's.
 */
public final class MultiAttachDiagnoses {
    private static final Pattern MULTI_ATTACH = Pattern.compile("Multi-Attach error for volume \"([^\"]+)\"");

    private MultiAttachDiagnoses() {
    }

    /**
     * The diagnoses for the Multi-Attach events of {@code pods} (the pods of one workload, named {@code workload} in
     * the explanations) that are not running.
     *
     * @param workload    the workload's name, as the explanations say it
     * @param pods        the workload's pods
     * @param events      the events of the pods' namespace
     * @param attachments every VolumeAttachment of the cluster
     * @param nodes       every node of the cluster
     * @return one diagnosis per volume that a waiting pod cannot attach
     */
    public static List<MultiAttachDiagnosis> of(String workload, List<PodView> pods, List<EventView> events,
                                                List<VolumeAttachmentView> attachments, List<NodeView> nodes) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(pods, "pods");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(nodes, "nodes");
        Map<String, PodView> waiting = pods.stream().filter(p -> !p.running())
                .collect(Collectors.toMap(PodView::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, List<EventView>> byVolume = new LinkedHashMap<>();
        for (EventView e : events) {
            Matcher m = MULTI_ATTACH.matcher(e.message());
            if (e.reason().equals("FailedAttachVolume") && e.objectKind().equals("Pod") && waiting.containsKey(e.objectName()) && m.find()) {
                byVolume.computeIfAbsent(m.group(1), v -> new ArrayList<>()).add(e);
            }
        }
        List<MultiAttachDiagnosis> diagnoses = new ArrayList<>();
        byVolume.forEach((volume, volumeEvents) -> diagnoses.add(explain(workload, pods, attachments, nodes, volume, volumeEvents)));
        return diagnoses;
    }

    private static MultiAttachDiagnosis explain(String workload, List<PodView> pods, List<VolumeAttachmentView> attachments,
                                                List<NodeView> nodes, String volume, List<EventView> events) {
        List<String> waitingPods = events.stream().map(EventView::objectName).distinct().toList();
        Instant firstSeen = events.stream().map(EventView::firstTime).min(Instant::compareTo).orElseThrow();
        Optional<VolumeAttachmentView> attachment = attachments.stream()
                .filter(a -> a.volumeName().equals(volume) && a.attached()).findFirst();
        String attachedNode = attachment.map(VolumeAttachmentView::node).orElse("");
        Optional<NodeView> node = nodes.stream().filter(n -> n.name().equals(attachedNode)).findFirst();
        boolean exists = node.isPresent();
        boolean ready = node.map(NodeView::ready).orElse(false);
        Set<String> nodesOfRunningPods = pods.stream().filter(PodView::running).map(PodView::node).collect(Collectors.toSet());
        String explanation;
        if (attachedNode.isEmpty()) {
            explanation = "no VolumeAttachment holds " + volume + " any more: the next attach attempt should succeed";
        } else if (!exists || !ready) {
            explanation = "node " + attachedNode + (exists ? " is NotReady" : " is gone") + " but " + volume
                    + " is still attached to it: " + (exists
                    ? "it stays attached while the node's pods cannot terminate; tainting the node"
                    + " node.kubernetes.io/out-of-service (MultiAttachPolicy.TAINT_OUT_OF_SERVICE) deletes them and detaches it"
                    : "Kubernetes force-detaches it after maxWaitForUnmountDuration (6 minutes) and then attaches it to the"
                    + " new node; deleting the stale VolumeAttachment (MultiAttachPolicy.DELETE_STALE_ATTACHMENT) frees it at the"
                    + " controller's next reconcile sync (within a minute by default)");
        } else if (nodesOfRunningPods.contains(attachedNode)) {
            explanation = "replicas of " + workload + " share one ReadWriteOnce claim but were scheduled on more than"
                    + " one node: only pods on " + attachedNode + " can mount " + volume
                    + "; use WorkloadKind.STATEFULSET (one claim per replica) or keep the replicas on one node";
        } else {
            explanation = volume + " is still attached to " + attachedNode + " while it detaches; it should clear once the"
                    + " volume is released there";
        }
        return new MultiAttachDiagnosis(volume, attachment.map(VolumeAttachmentView::name).orElse(""), waitingPods, attachedNode,
                exists, ready, firstSeen, explanation);
    }
}
