package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The EBS CSI driver with the persistent-volume and attach-detach controllers: WaitForFirstConsumer binding in
 * the selected node's zone, one attachment per ReadWriteOnce volume (Multi-Attach errors otherwise), detach at
 * once after a graceful pod removal and after maxWaitForUnmountDuration after a node loss, volume deletion
 * with its claim.
 */
final class EbsCsiModel {
    private static final String CONTROLLER = "ebs.csi.aws.com_ebs-csi-controller";
    /**
     * The attach-detach controller's {@code --attach-detach-reconcile-sync-period} (default 1 minute): only then does it
     * notice a VolumeAttachment deleted behind its back (seen on the real tier).
     */
    static final Duration RECONCILE_SYNC = Duration.ofMinutes(1);
    private final ClusterModel cluster;
    private final Set<String> multiAttachWarned = new HashSet<>();
    private int claimSaveConflicts;
    private Duration slowDetach = Duration.ZERO;
    private int attachVolumeInUse;

    EbsCsiModel(ClusterModel cluster) {
        this.cluster = cluster;
    }

    // ---- claims ------------------------------------------------------------------------------------------------

    void claimCreated(SimClaim claim) {
        waitingForConsumer(claim);
    }

    private void waitingForConsumer(SimClaim claim) {
        if (cluster.claims.get(claim.key()) != claim || claim.bound() || !claim.selectedNode.isEmpty()) {
            return;
        }
        SimStorageClass sc = cluster.storageClasses.get(claim.storageClass);
        if (sc != null && sc.waitForFirstConsumer()) {
            cluster.event(claim.namespace, "Normal", "WaitForFirstConsumer", "PersistentVolumeClaim", claim.name,
                    "waiting for first consumer to be created before binding", "persistentvolume-controller");
        } else {
            cluster.event(claim.namespace, "Warning", "ProvisioningFailed", "PersistentVolumeClaim", claim.name,
                    "storageclass.storage.k8s.io \"" + claim.storageClass + "\" not found", "persistentvolume-controller");
            return;
        }
        cluster.after(cluster.timings.eventResync(), () -> waitingForConsumer(claim));
    }

    void ensureClaimFromTemplate(SimWorkload workload, int ordinal) {
        String name = workload.claimFor(ordinal);
        if (cluster.claims.containsKey(workload.namespace + "/" + name)) {
            return;
        }
        ObjectNode template = workload.claimTemplate;
        SimClaim claim = new SimClaim(workload.namespace, name, PodTemplate.strings(template.path("metadata").path("labels")),
                template.path("spec").path("storageClassName").asText(),
                template.path("spec").path("resources").path("requests").path("storage").asText(),
                accessModes(template.path("spec")), cluster.now());
        cluster.claims.put(claim.key(), claim);
        claimCreated(claim);
    }

    static List<String> accessModes(JsonNode claimSpec) {
        List<String> modes = new ArrayList<>();
        claimSpec.path("accessModes").forEach(m -> modes.add(m.asText()));
        return modes;
    }

    /** Deletes the claim, or marks it Terminating while a pod still uses it (pvc-protection). */
    void deleteClaim(SimClaim claim) {
        claim.deleting = true;
        releaseIfUnused(claim);
    }

    private boolean releaseIfUnused(SimClaim claim) {
        if (!claim.deleting || cluster.pods.claimUsed(claim.key(), null)) {
            return false;
        }
        cluster.claims.remove(claim.key());
        SimVolume volume = cluster.volumes.get(claim.volume);
        if (volume != null) {
            volume.claimKey = null;
        }
        return true;
    }

    // ---- scheduling constraints --------------------------------------------------------------------------------

    private Optional<SimClaim> claimOf(SimPod pod) {
        return pod.claimKey == null ? Optional.empty() : Optional.ofNullable(cluster.claims.get(pod.claimKey));
    }

    /** The zones the pod's volume allows: the bound volume's, or its StorageClass's allowed topology. */
    Optional<Set<String>> zonesFor(SimPod pod) {
        Optional<SimClaim> claim = claimOf(pod);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        if (claim.get().bound()) {
            return Optional.of(Set.of(cluster.volumes.get(claim.get().volume).zone));
        }
        if (!claim.get().selectedNode.isEmpty() && cluster.nodes.containsKey(claim.get().selectedNode)) {
            return Optional.of(Set.of(cluster.nodes.get(claim.get().selectedNode).zone));
        }
        SimStorageClass sc = cluster.storageClasses.get(claim.get().storageClass);
        return sc == null || sc.allowedZones().isEmpty() ? Optional.empty() : Optional.of(sc.allowedZones());
    }

    /** Why the pod's volume keeps it from any node, in the scheduler's words; empty when the volume is fine. */
    Optional<String> volumeProblem(SimPod pod) {
        if (pod.claimName == null) {
            return Optional.empty();
        }
        Optional<SimClaim> claim = claimOf(pod);
        if (claim.isEmpty()) {
            return Optional.of("persistentvolumeclaim \"" + pod.claimName + "\" not found");
        }
        if (claim.get().deleting) {
            return Optional.of("persistentvolumeclaim \"" + pod.claimName + "\" is being deleted");
        }
        if (!claim.get().bound() && !cluster.storageClasses.containsKey(claim.get().storageClass)) {
            return Optional.of("storageclass.storage.k8s.io \"" + claim.get().storageClass + "\" not found");
        }
        return Optional.empty();
    }

    boolean volumeFits(SimPod pod, SimNode node) {
        if (pod.claimName == null) {
            return true;
        }
        if (volumeProblem(pod).isPresent()) {
            return false;
        }
        return zonesFor(pod).map(zones -> zones.contains(node.zone)).orElse(true);
    }

    void podScheduled(SimPod pod, SimNode node) {
        Optional<SimClaim> found = claimOf(pod);
        if (found.isEmpty() || found.get().bound() || !found.get().selectedNode.isEmpty()) {
            return;
        }
        SimClaim claim = found.get();
        claim.selectedNode = node.name;
        cluster.event(claim.namespace, "Normal", "Provisioning", "PersistentVolumeClaim", claim.name,
                "External provisioner is provisioning volume for claim \"" + claim.key() + "\"", CONTROLLER);
        cluster.after(cluster.timings.volumeProvisioning(), () -> provision(claim, node.zone));
    }

    /** From now on a graceful detach takes {@code delay} (slow unmount, slow EC2 DetachVolume). */
    void slowDetach(Duration delay) {
        slowDetach = delay;
    }

    /** The next {@code times} attaches fail with EC2's VolumeInUse (EBS still detaching it from the old instance). */
    void failAttachWithVolumeInUse(int times) {
        attachVolumeInUse += times;
    }

    /** The names of the VolumeAttachments on {@code node}, attached or attaching. */
    List<String> attachmentsOn(String node) {
        return SimViews.attachments(cluster).stream().filter(a -> a.node().equals(node)).map(a -> a.name()).toList();
    }

    /** The next {@code times} claim saves conflict, as when the PV controller and the provisioner update a claim at once. */
    void conflictOnClaimSaves(int times) {
        claimSaveConflicts += times;
    }

    private void provision(SimClaim claim, String zone) {
        if (cluster.claims.get(claim.key()) != claim || claim.bound()) {
            return;
        }
        if (claimSaveConflicts > 0) {
            claimSaveConflicts--;
            cluster.event(claim.namespace, "Warning", "ProvisioningFailed", "PersistentVolumeClaim", claim.name,
                    "Error saving claim: Operation cannot be fulfilled on persistentvolumeclaims \"" + claim.name
                            + "\": the object has been modified; please apply your changes to the latest version and try again",
                    "persistentvolume-controller");
            cluster.after(cluster.timings.volumeProvisioning(), () -> provision(claim, zone));
            return;
        }
        String name = "pvc-" + new UUID(cluster.random.nextLong(), cluster.random.nextLong());
        cluster.volumes.put(name, new SimVolume(name, zone, claim.size, claim.storageClass, claim.key()));
        claim.volume = name;
        cluster.event(claim.namespace, "Normal", "ProvisioningSucceeded", "PersistentVolumeClaim", claim.name,
                "Successfully provisioned volume " + name, CONTROLLER);
    }

    // ---- attach, detach, mount ---------------------------------------------------------------------------------

    boolean mountable(SimPod pod, SimNode node) {
        return claimOf(pod).filter(SimClaim::bound).map(c -> cluster.volumes.get(c.volume))
                .map(v -> v.attachedNode.equals(node.name)).orElse(pod.claimName == null);
    }

    void podGone(SimPod pod) {
        multiAttachWarned.remove(pod.key());
    }

    boolean reconcile() {
        boolean changed = attach();
        changed |= detach();
        for (SimClaim claim : List.copyOf(cluster.claims.values())) {
            changed |= releaseIfUnused(claim);
        }
        changed |= deleteReleasedVolumes();
        return changed;
    }

    private boolean attach() {
        boolean changed = false;
        for (SimPod pod : cluster.pods.all()) {
            if (!pod.scheduled() || pod.running()) {
                continue;
            }
            Optional<SimClaim> claim = claimOf(pod).filter(SimClaim::bound);
            if (claim.isEmpty()) {
                continue;
            }
            SimVolume volume = cluster.volumes.get(claim.get().volume);
            if (volume.attachedNode.equals(pod.node) || volume.attachingTo.equals(pod.node)) {
                continue;
            }
            if (volume.attachedNode.isEmpty() && volume.attachingTo.isEmpty()) {
                if (volume.attachRetryAt != null && cluster.now().isBefore(volume.attachRetryAt)) {
                    continue;
                }
                volume.attachRetryAt = null;
                volume.attachingTo = pod.node;
                if (attachVolumeInUse > 0) {
                    attachVolumeInUse--;
                    cluster.after(cluster.timings.volumeAttach(), () -> attachFailedInUse(volume, pod));
                } else {
                    cluster.after(cluster.timings.volumeAttach(), () -> attached(volume, pod.node));
                }
                changed = true;
            } else if (multiAttachWarned.add(pod.key())) {
                warnMultiAttach(pod, volume);
            }
        }
        return changed;
    }

    private void warnMultiAttach(SimPod pod, SimVolume volume) {
        if (!cluster.pods.isCurrent(pod) || pod.running() || volume.attachedNode.isEmpty()
                || volume.attachedNode.equals(pod.node)) {
            multiAttachWarned.remove(pod.key());
            return;
        }
        cluster.event(pod.namespace, "Warning", "FailedAttachVolume", "Pod", pod.name, "Multi-Attach error for volume \""
                + volume.name + "\" " + multiAttachReason(pod, volume), "attachdetach-controller");
        cluster.after(cluster.timings.eventResync(), () -> warnMultiAttach(pod, volume));
    }

    /**
     * The attach-detach controller's words: the pods that still need the volume on the node it is attached to (same
     * namespace by name, others counted), or, when none is left, that it is exclusively attached there.
     */
    private String multiAttachReason(SimPod waiting, SimVolume volume) {
        List<SimPod> holders = cluster.pods.onNode(volume.attachedNode).stream().filter(p -> usesVolume(p, volume)).toList();
        if (holders.isEmpty()) {
            return "Volume is already exclusively attached to one node and can't be attached to another";
        }
        List<String> local = holders.stream().filter(p -> p.namespace.equals(waiting.namespace)).map(p -> p.name).sorted().toList();
        long others = holders.size() - local.size();
        if (local.isEmpty()) {
            return "Volume is already used by " + others + " pod(s) in different namespaces";
        }
        return "Volume is already used by pod(s) " + String.join(", ", local)
                + (others > 0 ? " and " + others + " pod(s) in different namespaces" : "");
    }

    /** EC2 refused the attach (the EBS CSI controller's error); the controller retries after its backoff. */
    private void attachFailedInUse(SimVolume volume, SimPod pod) {
        if (cluster.volumes.get(volume.name) != volume || !volume.attachingTo.equals(pod.node)) {
            return;
        }
        volume.attachingTo = "";
        volume.attachRetryAt = cluster.now().plus(cluster.timings.eventResync());
        cluster.after(cluster.timings.eventResync(), () -> { });
        String volumeId = "vol-0" + Integer.toHexString(volume.name.hashCode());
        cluster.event(pod.namespace, "Warning", "FailedAttachVolume", "Pod", pod.name, "AttachVolume.Attach failed for volume \""
                + volume.name + "\" : rpc error: code = Internal desc = Could not attach volume \"" + volumeId + "\" to node \""
                + pod.node + "\": operation error EC2: AttachVolume, https response error StatusCode: 400, api error VolumeInUse: "
                + volumeId + " is already attached to an instance", "attachdetach-controller");
    }

    private void attached(SimVolume volume, String node) {
        if (cluster.volumes.get(volume.name) != volume || !volume.attachingTo.equals(node)) {
            return;
        }
        volume.attachingTo = "";
        if (!cluster.nodes.containsKey(node)) {
            return;
        }
        volume.attachedNode = node;
        volume.attachedAt = cluster.now();
        volume.forceDetachAt = null;
        cluster.pods.onNode(node).stream().filter(p -> usesVolume(p, volume)).forEach(p ->
                cluster.event(p.namespace, "Normal", "SuccessfulAttachVolume", "Pod", p.name,
                        "AttachVolume.Attach succeeded for volume \"" + volume.name + "\"", "attachdetach-controller"));
    }

    private boolean usesVolume(SimPod pod, SimVolume volume) {
        return volume.claimKey != null && volume.claimKey.equals(pod.claimKey);
    }

    private boolean detach() {
        boolean changed = false;
        for (SimVolume volume : cluster.volumes.values()) {
            if (volume.attachedNode.isEmpty()) {
                continue;
            }
            if (volume.attachmentDeletedUntil != null) {
                if (!cluster.now().isBefore(volume.attachmentDeletedUntil)) {
                    volume.attachedNode = "";
                    volume.forceDetachAt = null;
                    volume.attachmentDeletedUntil = null;
                    changed = true;
                }
                continue;
            }
            if (cluster.pods.claimUsed(volume.claimKey, volume.attachedNode)) {
                continue;
            }
            SimNode node = cluster.nodes.get(volume.attachedNode);
            boolean graceful = node != null && (node.ready || node.outOfService);
            if (graceful && !slowDetach.isZero() && (volume.detachAt == null || cluster.now().isBefore(volume.detachAt))) {
                if (volume.detachAt == null) {
                    volume.detachAt = cluster.now().plus(slowDetach);
                    cluster.after(slowDetach, () -> { });
                }
                continue;
            }
            if (graceful || volume.forceDetachAt != null && !cluster.now().isBefore(volume.forceDetachAt)) {
                volume.detachAt = null;
                volume.attachedNode = "";
                volume.forceDetachAt = null;
                changed = true;
            } else if (volume.forceDetachAt == null) {
                // The node went away without unmounting: Kubernetes waits maxWaitForUnmountDuration, then force-detaches.
                volume.forceDetachAt = cluster.now().plus(cluster.timings.forceDetach());
                cluster.after(cluster.timings.forceDetach(), () -> { });
            }
        }
        return changed;
    }

    private boolean deleteReleasedVolumes() {
        List<String> released = cluster.volumes.values().stream()
                .filter(v -> v.claimKey == null && v.attachedNode.isEmpty() && v.attachingTo.isEmpty())
                .map(v -> v.name).toList();
        released.forEach(name -> {
            cluster.volumes.remove(name);
            cluster.event("", "Normal", "VolumeDeleted", "PersistentVolume", name, "Deleted volume " + name, CONTROLLER);
        });
        return !released.isEmpty();
    }

    /**
     * Deletes the VolumeAttachment of that name. The object goes at once (the external-attacher detaches and drops its
     * finalizer); the controller keeps counting the volume attached, and reporting Multi-Attach, until its next
     * reconcile sync (every {@link #RECONCILE_SYNC} of cluster time).
     */
    boolean deleteAttachment(String name) {
        for (SimVolume volume : cluster.volumes.values()) {
            if (!volume.attachedNode.isEmpty() && volume.attachmentDeletedUntil == null
                    && SimViews.attachmentName(volume.name, volume.attachedNode).equals(name)) {
                long period = RECONCILE_SYNC.toMillis();
                long now = cluster.now().toEpochMilli();
                Duration untilSync = Duration.ofMillis(period - now % period);
                volume.attachmentDeletedUntil = cluster.now().plus(untilSync);
                cluster.after(untilSync, () -> { });
                return true;
            }
        }
        return false;
    }

    // ---- files -------------------------------------------------------------------------------------------------

    void append(SimPod pod, String path, String line) {
        fileOf(pod, path, true).ifPresent(file -> file.append(line).append('\n'));
    }

    /** The content of {@code path} as the pod sees it, if it is a file on its volume. */
    Optional<String> read(SimPod pod, String path) {
        return fileOf(pod, path, false).map(StringBuilder::toString);
    }

    private Optional<StringBuilder> fileOf(SimPod pod, String path, boolean create) {
        String prefix = pod.template.mountPath() + "/";
        Optional<SimVolume> volume = claimOf(pod).filter(SimClaim::bound).map(c -> cluster.volumes.get(c.volume));
        if (volume.isEmpty() || pod.template.mountPath().isEmpty() || !path.startsWith(prefix)) {
            return Optional.empty();
        }
        String relative = path.substring(prefix.length());
        return Optional.ofNullable(create ? volume.get().files.computeIfAbsent(relative, f -> new StringBuilder())
                : volume.get().files.get(relative));
    }
}
