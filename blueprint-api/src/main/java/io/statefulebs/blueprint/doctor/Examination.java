package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.NodeView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inventory under examination plus what the doctor learnt elsewhere: the zones with subnets and the available
 * EBS volumes the CSI driver created (each empty when not looked up).
 */
record Examination(Inventory inventory, List<String> subnetZones, List<EbsVolumeView> availableDriverVolumes) {
    static final String ZONE = "topology.kubernetes.io/zone";
    static final Set<String> ZONE_KEYS = Set.of(ZONE, StorageSpec.EBS_CSI_TOPOLOGY_KEY, "failure-domain.beta.kubernetes.io/zone");
    static final Set<String> EBS_PROVISIONERS = Set.of("ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com", "kubernetes.io/aws-ebs");

    Examination {
        subnetZones = List.copyOf(subnetZones);
        availableDriverVolumes = List.copyOf(availableDriverVolumes);
    }

    Instant now() {
        return inventory.takenAt();
    }

    /** How long since {@code since}, the way kubectl prints ages ({@code 6m}, {@code 2h10m}). */
    String age(Instant since) {
        Duration d = Duration.between(since, now());
        if (d.isNegative()) {
            return "0s";
        }
        long s = d.getSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 48 * 3600) {
            return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : (s % 3600 / 60) + "m");
        }
        return (s / 86400) + "d";
    }

    /**
     * Whether persistent volume {@code name} belongs to the examined namespaces: always when all are examined, else when
     * its claim is (or was) in one of them. A volume the inventory does not know belongs to no one namespace.
     */
    boolean volumeInScope(String name) {
        return inventory.scope().all() || inventory.volume(name)
                .map(v -> !v.claimNamespace().isEmpty() && inventory.scope().covers(v.claimNamespace())).orElse(false);
    }

    /**
     * Whether node {@code name} matters to the examined namespaces: always when all are examined, else when one of their
     * pods is on it or one of their volumes is attached to it. A namespace's examination leaves other teams' nodes out.
     */
    boolean nodeInScope(String name) {
        return inventory.scope().all() || inventory.pods().stream().anyMatch(p -> p.pod().node().equals(name))
                || inventory.attachments().stream().anyMatch(a -> a.attachment().node().equals(name) && volumeInScope(a.attachment().volumeName()));
    }

    Optional<NodeView> node(String name) {
        return inventory.node(name).map(n -> n.node());
    }

    /**
     * The workload a pod belongs to, as {@code Kind/namespace/name}: a ReplicaSet named after its Deployment plus the
     * pod-template-hash is reported as that Deployment; a bare pod as itself.
     */
    static String workloadOf(PodDetails pod) {
        if (pod.ownerKind().isEmpty()) {
            return pod.ref();
        }
        String hash = pod.pod().labels().getOrDefault("pod-template-hash", "");
        if (pod.ownerKind().equals("ReplicaSet") && !hash.isEmpty() && pod.ownerName().endsWith("-" + hash)) {
            return "Deployment/" + pod.namespace() + "/" + pod.ownerName().substring(0, pod.ownerName().length() - hash.length() - 1);
        }
        return pod.ownerKind() + "/" + pod.namespace() + "/" + pod.ownerName();
    }

    static String claimRef(ClaimView claim) {
        return "PersistentVolumeClaim/" + claim.namespace() + "/" + claim.name();
    }

    static boolean readWriteOnce(ClaimView claim) {
        return claim.accessModes().contains("ReadWriteOnce") || claim.accessModes().contains("ReadWriteOncePod");
    }
}
