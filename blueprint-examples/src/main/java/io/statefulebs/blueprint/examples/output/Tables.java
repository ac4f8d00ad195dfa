package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.examples.walkthrough.ClusterSnapshot;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The listings of the walkthrough, shaped like the kubectl commands it runs, with ages taken from the snapshot's
 * moment on the backend's clock.
 */
public final class Tables {
    /** What {@code kubectl get} prints when nothing matches. */
    public static final String NO_RESOURCES = "No resources found\n";

    private static final Map<String, String> ACCESS_MODES = Map.of(
            "ReadWriteOnce", "RWO", "ReadOnlyMany", "ROX", "ReadWriteMany", "RWX", "ReadWriteOncePod", "RWOP");
    /** NodeView has no kubelet version; kubectl shows this for a value it cannot know. */
    private static final String UNKNOWN = "<unknown>";

    private Tables() {
    }

    /** {@code kubectl get pods}. */
    public static String pods(ClusterSnapshot snapshot) {
        if (snapshot.pods().isEmpty()) {
            return NO_RESOURCES;
        }
        TextTable table = TextTable.get("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        for (PodView pod : snapshot.pods()) {
            table.row(pod.name(), pod.ready() ? "1/1" : "0/1", pod.reason().isEmpty() ? pod.phase() : pod.reason(),
                    String.valueOf(pod.restarts()), KubectlDurations.human(snapshot.age(pod)));
        }
        return table.render();
    }

    /** {@code kubectl get pvc}. */
    public static String claims(ClusterSnapshot snapshot) {
        if (snapshot.claims().isEmpty()) {
            return NO_RESOURCES;
        }
        TextTable table = TextTable.get("NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "AGE");
        for (ClaimView claim : snapshot.claims()) {
            table.row(claim.name(), claim.phase(), claim.volumeName(), claim.capacity(), accessModes(claim.accessModes()),
                    claim.storageClass(), KubectlDurations.human(snapshot.age(claim)));
        }
        return table.render();
    }

    /**
     * {@code kubectl get nodes -L karpenter.sh/capacity-type,beta.kubernetes.io/instance-type,karpenter.sh/nodepool,
     * topology.kubernetes.io/zone -l karpenter.sh/initialized=true}.
     */
    public static String nodes(ClusterSnapshot snapshot) {
        if (snapshot.nodes().isEmpty()) {
            return NO_RESOURCES;
        }
        TextTable table = TextTable.get("NAME", "STATUS", "ROLES", "AGE", "VERSION", "CAPACITY-TYPE", "INSTANCE-TYPE",
                "NODEPOOL", "ZONE");
        for (NodeView node : snapshot.nodes()) {
            table.row(node.name(), node.ready() ? "Ready" : "NotReady", "<none>",
                    KubectlDurations.human(snapshot.age(node)), node.kubeletVersion().isEmpty() ? UNKNOWN : node.kubeletVersion(),
                    node.capacityType(),
                    node.instanceType(), node.nodePool(), node.zone());
        }
        return table.render();
    }

    /** The Events section of {@code kubectl describe}, ages at {@code now}. */
    public static String events(List<EventView> events, Instant now) {
        if (events.isEmpty()) {
            return "Events:  <none>\n";
        }
        TextTable table = TextTable.describe("Type", "Reason", "Age", "From", "Message");
        table.row("----", "------", "----", "----", "-------");
        for (EventView e : events) {
            table.row(e.type(), e.reason(), eventAge(e, now), e.source(), e.message());
        }
        return "Events:\n" + table.render().lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code RWO}, {@code RWO,RWX}: the abbreviations of kubectl's ACCESS MODES column. */
    public static String accessModes(List<String> modes) {
        return modes.stream().map(m -> ACCESS_MODES.getOrDefault(m, m)).collect(Collectors.joining(","));
    }

    private static String eventAge(EventView e, Instant now) {
        String last = KubectlDurations.human(Duration.between(e.lastTime(), now));
        return e.count() > 1
                ? last + " (x" + e.count() + " over " + KubectlDurations.human(Duration.between(e.firstTime(), now)) + ")"
                : last;
    }
}
