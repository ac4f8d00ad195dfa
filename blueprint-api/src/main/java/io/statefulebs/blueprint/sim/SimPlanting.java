package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.inventory.DisruptionBudgetView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.inventory.PersistentVolumeView;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Plants objects the simulated controllers do not make, as a real cluster would hold them, so the storage doctor can
 * be rehearsed: {@code cluster.plant().attachLimit(node, 2)}. They show in {@link SimulatedCluster#inventory} only.
 */
public final class SimPlanting {
    private final Object lock;
    private final PlantedObjects planted;
    private final ClusterModel model;

    SimPlanting(Object lock, PlantedObjects planted, ClusterModel model) {
        this.lock = lock;
        this.planted = planted;
        this.model = model;
    }

    /**
     * A PodDisruptionBudget in {@code namespace} selecting pods by {@code matchLabels}, allowing one disruption.
     *
     * @param namespace   the budget's namespace
     * @param name        the budget's name
     * @param matchLabels the labels of the pods it protects
     * @return this, to plant more
     */
    public SimPlanting disruptionBudget(String namespace, String name, Map<String, String> matchLabels) {
        return disruptionBudget(namespace, name, matchLabels, 1);
    }

    /**
     * A PodDisruptionBudget in {@code namespace} selecting pods by {@code matchLabels}, allowing {@code allowed}
     * disruptions now (0: Karpenter's evictions of those pods are refused, a drain never finishes).
     *
     * @param namespace   the budget's namespace
     * @param name        the budget's name
     * @param matchLabels the labels of the pods it protects
     * @param allowed     its {@code status.disruptionsAllowed}, 0 or more
     * @return this, to plant more
     */
    public SimPlanting disruptionBudget(String namespace, String name, Map<String, String> matchLabels, int allowed) {
        if (allowed < 0) {
            throw new IllegalArgumentException("allowed must be 0 or more, got " + allowed);
        }
        DisruptionBudgetView budget = DisruptionBudgetView.ofLabels(Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(name, "name"), Objects.requireNonNull(matchLabels, "matchLabels"), allowed);
        synchronized (lock) {
            planted.disruptionBudgets.add(budget);
        }
        return this;
    }

    /**
     * Annotates a simulated pod, e.g. {@code karpenter.sh/do-not-disrupt: "true"} (Karpenter then never evicts it).
     *
     * @param namespace the pod's namespace
     * @param pod       the pod's name
     * @param key       the annotation's key
     * @param value     its value
     * @return this, to plant more
     */
    public SimPlanting podAnnotation(String namespace, String pod, String key, String value) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        synchronized (lock) {
            if (model.pods.get(namespace + "/" + pod) == null) {
                throw new IllegalArgumentException("no pod " + namespace + "/" + pod + " in the simulated cluster: annotate one of"
                        + " run.pods()");
            }
            planted.podAnnotations.computeIfAbsent(namespace + "/" + pod, k -> new LinkedHashMap<>()).put(key, value);
        }
        return this;
    }

    /**
     * A Running pod of another workload ({@code ownerKind} {@code ReplicaSet}, {@code DaemonSet}, ...) bound to
     * {@code node}; it shows in the node's occupancy (what {@code disruptNode} checks) only.
     *
     * @param node      the node it runs on
     * @param namespace its namespace
     * @param name      its name
     * @param ownerKind the kind of its controller
     * @return this, to plant more
     */
    public SimPlanting foreignPod(String node, String namespace, String name, String ownerKind) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ownerKind, "ownerKind");
        synchronized (lock) {
            PodView pod = new PodView(namespace, name, model.newUid(), "Running", true, node, "", 0, model.now(),
                    Map.of("app", name), List.of());
            planted.foreignPods.add(new PodDetails(pod, ownerKind, name, Map.of(), Map.of(), List.of(), List.of()));
        }
        return this;
    }

    /**
     * A Pending pod {@code namespace/name} mounting {@code claim}, which the simulated scheduler never places: a pod held
     * back by a constraint the simulator does not model (a topology spread, an affinity), for the doctor to explain.
     * It shows in {@link SimulatedCluster#inventory} only.
     *
     * @param namespace         its namespace
     * @param name              its name
     * @param claim             the claim it mounts, which must exist in {@code namespace}
     * @param labels            its labels
     * @param spreadConstraints its topology spread constraints
     * @return this, to plant more
     * @throws IllegalArgumentException if the claim does not exist
     */
    public SimPlanting pendingPod(String namespace, String name, String claim, Map<String, String> labels,
                                  List<PodDetails.SpreadConstraint> spreadConstraints) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(spreadConstraints, "spreadConstraints");
        synchronized (lock) {
            if (!model.claims.containsKey(namespace + "/" + claim)) {
                throw new IllegalArgumentException("no claim " + namespace + "/" + claim + " in the simulated cluster: plant a"
                        + " pod mounting an existing claim (a run's, or one applied with cluster.apply)");
            }
            PodView pod = new PodView(namespace, name, model.newUid(), "Pending", false, "", "Unschedulable", 0, model.now(),
                    labels, List.of(claim));
            planted.pendingPods.add(new PodDetails(pod, "", "", Map.of(), Map.of(), List.of(), spreadConstraints));
        }
        return this;
    }

    /**
     * An EBS volume the EBS CSI driver created for PersistentVolume {@code persistentVolume} (claim
     * {@code namespace/claim}), now {@code available}: what EC2 lists for the cluster's
     * {@link SimulatedCluster#availableDriverVolumes()} (tagged as the driver tags, created now).
     *
     * @param volumeId         the EBS volume's id, e.g. {@code vol-0abc}
     * @param sizeGiB          its size in GiB, positive
     * @param zone             its zone
     * @param persistentVolume the PersistentVolume it was created for
     * @param namespace        the namespace of that volume's claim
     * @param claim            that claim's name
     * @return this, to plant more
     */
    public SimPlanting leftBehindVolume(String volumeId, long sizeGiB, String zone, String persistentVolume, String namespace,
                                        String claim) {
        Map<String, String> tags = Map.of(EbsVolumeView.DRIVER_TAG, "true",
                EbsVolumeView.CSI_VOLUME_NAME, Objects.requireNonNull(persistentVolume, "persistentVolume"),
                EbsVolumeView.CREATED_FOR_PV, persistentVolume,
                EbsVolumeView.CREATED_FOR_CLAIM_NAMESPACE, Objects.requireNonNull(namespace, "namespace"),
                EbsVolumeView.CREATED_FOR_CLAIM, Objects.requireNonNull(claim, "claim"));
        synchronized (lock) {
            planted.availableVolumes.add(new EbsVolumeView(Objects.requireNonNull(volumeId, "volumeId"), Objects.requireNonNull(zone, "zone"),
                    sizeGiB, "gp3", "available", model.now(), tags));
        }
        return this;
    }

    /**
     * The CSINode of {@code node} reports {@code count} attachable EBS volumes (instead of 25).
     *
     * @param node  the node's name
     * @param count its allocatable volume count, 0 or more
     * @return this, to plant more
     */
    public SimPlanting attachLimit(String node, int count) {
        Objects.requireNonNull(node, "node");
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        synchronized (lock) {
            planted.attachLimits.put(node, count);
        }
        return this;
    }

    /**
     * A PersistentVolume {@code name} of {@code size} in {@code zone}, Released by claim {@code namespace/claim} and kept by
     * reclaim policy Retain (its EBS volume {@code vol-...} still exists).
     *
     * @param name      the PersistentVolume's name
     * @param size      its capacity, e.g. {@code 4Gi}
     * @param zone      its zone
     * @param namespace the namespace of the claim it was bound to
     * @param claim     the claim it was bound to
     * @return this, to plant more
     */
    public SimPlanting retainedVolume(String name, String size, String zone, String namespace, String claim) {
        PersistentVolumeView volume = new PersistentVolumeView(Objects.requireNonNull(name, "name"), "Released", "Retain", "",
                Objects.requireNonNull(size, "size"), Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(claim, "claim"), "ebs.csi.aws.com", "vol-0" + Integer.toHexString(name.hashCode()) + "retained",
                Objects.requireNonNull(zone, "zone"), null);
        synchronized (lock) {
            planted.retainedVolumes.add(volume);
        }
        return this;
    }

    /**
     * A VolumeAttachment of {@code volume} to {@code node} left behind (e.g. after the node object was deleted).
     *
     * @param volume the PersistentVolume's name
     * @param node   the node it names
     * @return this, to plant more
     */
    public SimPlanting leakedAttachment(String volume, String node) {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(node, "node");
        synchronized (lock) {
            planted.leakedAttachments.add(new PlantedObjects.LeakedAttachment(SimViews.attachmentName(volume, node), volume, node,
                    model.now()));
        }
        return this;
    }

    /**
     * The NodeClaim of {@code node} is being deleted and Karpenter waits for its volumes to detach (its
     * {@code VolumesDetached} condition False with {@code message}).
     *
     * @param node    the node whose NodeClaim waits
     * @param message the condition's message
     * @return this, to plant more
     */
    public SimPlanting nodeClaimWaitingForDetach(String node, String message) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            planted.stuckDetaches.put(node, new PlantedObjects.StuckDetach(message, model.now()));
        }
        return this;
    }
}
