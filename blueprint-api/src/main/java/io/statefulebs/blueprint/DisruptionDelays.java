package io.statefulebs.blueprint;

import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.view.DelayCause;
import io.statefulebs.blueprint.view.DisruptionDelay;
import io.statefulebs.blueprint.view.EventView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies what slowed a graceful node replacement from the events recorded since it started: the attach-detach
 * controller's on the run's pods ({@code FailedAttachVolume}: "Multi-Attach error", EC2's {@code VolumeInUse}) and
 * Karpenter's on the old node ({@code AwaitingVolumeDetachment}; {@code FailedDraining} naming a PDB or
 * {@code do-not-disrupt}), plus the NodeClaim's {@code VolumesDetached} condition while it still exists.
 */
final class DisruptionDelays {
    static final String VOLUMES_DETACHED = "VolumesDetached";

    private DisruptionDelays() {
    }

    /**
     * @param podEvents the events of the run's namespace
     * @param runPods the names of the run's pods, old and new
     * @param nodeEvents the events about the old node and its NodeClaim
     * @param nodeClaim the NodeClaim as last read, if it still exists
     * @param since when the disruption started: older events are not its
     */
    static List<DisruptionDelay> classify(List<EventView> podEvents, Set<String> runPods, List<EventView> nodeEvents,
                                          Optional<NodeClaimView> nodeClaim, Instant since) {
        Map<DelayCause, List<EventView>> found = new EnumMap<>(DelayCause.class);
        for (EventView e : podEvents) {
            if (!recent(e, since) || !e.objectKind().equals("Pod") || !runPods.contains(e.objectName())
                    || !e.reason().equals("FailedAttachVolume")) {
                continue;
            }
            if (e.message().contains("Multi-Attach error")) {
                found.computeIfAbsent(DelayCause.MULTI_ATTACH, c -> new ArrayList<>()).add(e);
            } else if (e.message().contains("VolumeInUse")) {
                found.computeIfAbsent(DelayCause.ATTACH_VOLUME_IN_USE, c -> new ArrayList<>()).add(e);
            }
        }
        for (EventView e : nodeEvents) {
            if (!recent(e, since)) {
                continue;
            }
            if (e.reason().equals("AwaitingVolumeDetachment")) {
                found.computeIfAbsent(DelayCause.AWAITING_VOLUME_DETACHMENT, c -> new ArrayList<>()).add(e);
            } else if (e.reason().equals("FailedDraining") && blockedEviction(e.message())) {
                found.computeIfAbsent(DelayCause.EVICTION_BLOCKED, c -> new ArrayList<>()).add(e);
            }
        }
        List<DisruptionDelay> delays = new ArrayList<>();
        found.forEach((cause, events) -> delays.add(new DisruptionDelay(cause,
                events.stream().map(EventView::firstTime).min(Instant::compareTo).orElse(since),
                events.stream().map(EventView::lastTime).max(Instant::compareTo).orElse(since),
                events.stream().map(DisruptionDelays::describe).toList())));
        nodeClaim.flatMap(c -> c.condition(VOLUMES_DETACHED).filter(d -> !d.isTrue())
                        .map(d -> "NodeClaim/" + c.name() + " " + VOLUMES_DETACHED + "=" + d.status() + " (" + d.reason() + ")"))
                .filter(evidence -> delays.stream().noneMatch(d -> d.cause() == DelayCause.AWAITING_VOLUME_DETACHMENT))
                .ifPresent(evidence -> delays.add(new DisruptionDelay(DelayCause.AWAITING_VOLUME_DETACHMENT, since, since,
                        List.of(evidence))));
        delays.sort((a, b) -> a.cause().compareTo(b.cause()));
        return delays;
    }

    /** Karpenter's drain error for a refused eviction (429 from a PDB) or a pod it never evicts. */
    private static boolean blockedEviction(String message) {
        return message.contains("PDB") || message.contains("PodDisruptionBudget") || message.contains("do-not-disrupt");
    }

    private static boolean recent(EventView e, Instant since) {
        return e.lastTime() != null && !e.lastTime().isBefore(since);
    }

    static String describe(EventView e) {
        return e.reason() + (e.count() > 1 ? " (x" + e.count() + ")" : "") + " " + e.objectKind() + "/" + e.objectName() + ": "
                + e.message();
    }
}
