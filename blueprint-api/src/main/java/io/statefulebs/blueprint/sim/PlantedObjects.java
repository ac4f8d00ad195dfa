package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.view.EbsVolumeView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects the simulated controllers never make but a real cluster has, planted by tests through {@link SimPlanting}:
 * PodDisruptionBudgets, CSINode attach limits, Released volumes kept by Retain, leaked VolumeAttachments, NodeClaims
 * stuck waiting for detach, Pending pods held by constraints the simulator does not model, EBS volumes left behind. Guarded by the cluster's lock.
 */
final class PlantedObjects {
    /** What the EBS CSI driver reports on a typical Nitro instance (28 shared slots less the root volume and ENIs). */
    static final int DEFAULT_ATTACH_LIMIT = 25;

    final List<DisruptionBudgetView> disruptionBudgets = new ArrayList<>();
    final Map<String, Integer> attachLimits = new HashMap<>();
    final List<PersistentVolumeView> retainedVolumes = new ArrayList<>();
    final List<LeakedAttachment> leakedAttachments = new ArrayList<>();
    final Map<String, StuckDetach> stuckDetaches = new LinkedHashMap<>();
    /** Annotations set on simulated pods, by {@code namespace/name}. */
    final Map<String, Map<String, String>> podAnnotations = new HashMap<>();
    /** Pods of other workloads on a node, shown by the node's occupancy only. */
    final List<PodDetails> foreignPods = new ArrayList<>();
    /** Pending pods the simulated scheduler never sees, shown in the inventory. */
    final List<PodDetails> pendingPods = new ArrayList<>();
    /** EBS volumes in state available that EC2 lists (the cluster's {@code CloudVolumeSource}). */
    final List<EbsVolumeView> availableVolumes = new ArrayList<>();

    record LeakedAttachment(String name, String volume, String node, Instant createdAt) {
    }

    record StuckDetach(String message, Instant since) {
    }
}
