package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the observable part of each kubelet's volume manager: a node's {@code status.volumesInUse} lists the EBS
 * volumes of the pods bound to it (from the moment the pod is assigned, as the kubelet reports a volume in use before
 * it mounts it, until the pod is gone). The attach-detach controller detaches a volume from a node only once it left
 * that list, unless the node is out of service or {@code maxWaitForUnmountDuration} (6 minutes) passed while the node
 * is unhealthy. A powered-off node ({@link NodePowerLease}) is left as it was: its list stays as last reported.
 * The other half, mounting only once the controller reports the volume in {@code status.volumesAttached}, is
 * {@link HarnessContainers}'.
 */
final class HarnessVolumeManager extends HarnessPart {
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<Node> nodes;
    private volatile SharedIndexInformer<PersistentVolumeClaim> claims;
    private volatile SharedIndexInformer<PersistentVolume> volumes;
    private volatile SharedIndexInformer<Lease> leases;

    HarnessVolumeManager(KubernetesClient client) {
        super(client, "harness-volume-manager");
    }

    @Override
    void start() {
        pods = track(client.pods().inAnyNamespace().inform(events((changed, deleted) -> schedule(changed)), 5_000));
        nodes = track(client.nodes().inform(events((changed, deleted) -> schedule(changed)), 5_000));
        claims = track(client.persistentVolumeClaims().inAnyNamespace().inform(events((changed, deleted) -> schedule(changed)), 5_000));
        volumes = track(client.persistentVolumes().inform(events((changed, deleted) -> schedule(changed)), 5_000));
        leases = track(client.leases().inNamespace(NodePowerLease.NAMESPACE).inform(events((changed, deleted) -> schedule(changed)), 5_000));
    }

    /** Coalesces bursts of events into one pass over every node. */
    private void schedule(HasMetadata changed) {
        if (pending.compareAndSet(false, true)) {
            queue(changed, () -> {
                pending.set(false);
                report();
            });
        }
    }

    private void report() {
        if (nodes == null || leases == null) {
            return; // still starting
        }
        Map<String, Set<String>> inUse = new TreeMap<>();
        for (Pod pod : pods.getStore().list()) {
            String node = pod.getSpec().getNodeName();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (node == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            for (Volume v : Objects.requireNonNullElse(pod.getSpec().getVolumes(), List.<Volume>of())) {
                if (v.getPersistentVolumeClaim() != null) {
                    uniqueName(pod.getMetadata().getNamespace(), v.getPersistentVolumeClaim().getClaimName())
                            .ifPresent(name -> inUse.computeIfAbsent(node, n -> new TreeSet<>()).add(name));
                }
            }
        }
        for (Node node : nodes.getStore().list()) {
            String name = node.getMetadata().getName();
            if (NodePowerLease.poweredOff(leases.getStore().getByKey(NodePowerLease.NAMESPACE + "/" + name))) {
                continue;
            }
            Set<String> wanted = inUse.getOrDefault(name, Set.of());
            Set<String> reported = new TreeSet<>(node.getStatus() == null ? List.of()
                    : Objects.requireNonNullElse(node.getStatus().getVolumesInUse(), List.of()));
            if (!reported.equals(wanted)) {
                client.nodes().withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"volumesInUse\":" + (wanted.isEmpty() ? "null" : Serialization.asJson(List.copyOf(wanted))) + "}}");
                log.info("node {} volumesInUse {}", name, wanted);
            }
        }
    }

    /** The unique name the kubelet and the attach-detach controller give the claim's EBS volume, once bound. */
    private Optional<String> uniqueName(String namespace, String claimName) {
        PersistentVolumeClaim claim = claims.getStore().getByKey(namespace + "/" + claimName);
        String volumeName = claim == null ? null : claim.getSpec().getVolumeName();
        PersistentVolume volume = volumeName == null || volumeName.isEmpty() ? null : volumes.getStore().getByKey(volumeName);
        if (volume == null || volume.getSpec().getCsi() == null || !HarnessEbsProvisioner.DRIVER.equals(volume.getSpec().getCsi().getDriver())) {
            return Optional.empty();
        }
        return Optional.of(uniqueName(volume));
    }

    /** {@code kubernetes.io/csi/<driver>^<volume handle>}, as in node status. */
    static String uniqueName(PersistentVolume volume) {
        return "kubernetes.io/csi/" + volume.getSpec().getCsi().getDriver() + "^" + volume.getSpec().getCsi().getVolumeHandle();
    }
}
