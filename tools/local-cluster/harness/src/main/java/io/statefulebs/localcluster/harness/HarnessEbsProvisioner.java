package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plays the Amazon EBS CSI driver's controller side (external-provisioner with the EBS plugin), which this cluster
 * lacks: for a claim of a StorageClass whose provisioner is {@code ebs.csi.aws.com}, once the scheduler picked a node
 * ({@code volume.kubernetes.io/selected-node}), it creates a PersistentVolume in that node's zone with node affinity on
 * {@code topology.ebs.csi.aws.com/zone} and a CSI source, pre-bound to the claim; kube-controller-manager's
 * PersistentVolume controller does the binding. A node outside the StorageClass's allowedTopologies gets
 * {@code ProvisioningFailed}, as the driver reports it. Released volumes with reclaim policy Delete are deleted.
 * The volume's data lives in a directory per volume ({@link HarnessContainers} reads and writes it).
 */
final class HarnessEbsProvisioner extends HarnessPart {
    static final String DRIVER = "ebs.csi.aws.com";
    static final String TOPOLOGY_KEY = "topology.ebs.csi.aws.com/zone";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    /** external-provisioner names its event source after the driver and its identity. */
    private static final String COMPONENT = DRIVER + "_statefulebs-harness";

    private final Path volumes;

    HarnessEbsProvisioner(KubernetesClient client, Path volumes) {
        super(client, "harness-ebs-provisioner");
        this.volumes = volumes;
    }

    @Override
    void start() {
        try {
            Files.createDirectories(volumes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Resync every few seconds: a claim whose node was not readable yet is retried, as a controller would.
        track(client.persistentVolumeClaims().inAnyNamespace().inform(onWorker(this::claimChanged), 5_000));
        track(client.persistentVolumes().inform(onWorker(this::volumeChanged), 5_000));
    }

    private void claimChanged(PersistentVolumeClaim claim) {
        String selectedNode = annotations(claim).get(SELECTED_NODE);
        if (claim.getMetadata().getDeletionTimestamp() != null || selectedNode == null
                || claim.getSpec().getVolumeName() != null && !claim.getSpec().getVolumeName().isEmpty()) {
            return;
        }
        String className = claim.getSpec().getStorageClassName();
        StorageClass storageClass = className == null ? null : client.storage().v1().storageClasses().withName(className).get();
        if (storageClass == null || !DRIVER.equals(storageClass.getProvisioner())) {
            return;
        }
        String volumeName = "pvc-" + claim.getMetadata().getUid();
        if (client.persistentVolumes().withName(volumeName).get() != null) {
            return;
        }
        Node node = client.nodes().withName(selectedNode).get();
        if (node == null) {
            return;
        }
        Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
        String zone = labels.getOrDefault(TOPOLOGY_KEY, labels.get(ZONE_LABEL));
        String claimRef = claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName();
        if (zone == null) {
            event(claim, "Warning", "ProvisioningFailed", "failed to provision volume with StorageClass \"" + className
                    + "\": node " + selectedNode + " has no " + TOPOLOGY_KEY + " label");
            return;
        }
        Optional<List<String>> allowed = allowedZones(storageClass);
        if (allowed.isPresent() && !allowed.get().contains(zone)) {
            event(claim, "Warning", "ProvisioningFailed", "failed to provision volume with StorageClass \"" + className
                    + "\": selected node " + selectedNode + " is in zone " + zone + ", outside the allowed topologies " + allowed.get());
            return;
        }
        event(claim, "Normal", "Provisioning", "External provisioner is provisioning volume for claim \"" + claimRef + "\"");
        try {
            Files.createDirectories(volumes.resolve(volumeName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Quantity size = claim.getSpec().getResources().getRequests().get("storage");
        String volumeId = String.format("vol-%017x", ThreadLocalRandom.current().nextLong() & 0x0FFF_FFFF_FFFF_FFFFL);
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName).addToAnnotations(PROVISIONED_BY, DRIVER)
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-name", "")
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-namespace", "").endMetadata()
                .withNewSpec()
                .addToCapacity("storage", size)
                .withAccessModes(claim.getSpec().getAccessModes())
                .withPersistentVolumeReclaimPolicy(Objects.requireNonNullElse(storageClass.getReclaimPolicy(), "Delete"))
                .withStorageClassName(className)
                .withVolumeMode(claim.getSpec().getVolumeMode())
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid()).withResourceVersion(claim.getMetadata().getResourceVersion()).endClaimRef()
                .withNewCsi().withDriver(DRIVER).withVolumeHandle(volumeId).withFsType("ext4")
                .addToVolumeAttributes("storage.kubernetes.io/csiProvisionerIdentity", COMPONENT).endCsi()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey(TOPOLOGY_KEY).withOperator("In").withValues(zone).endMatchExpression().endNodeSelectorTerm()
                .endRequired().endNodeAffinity()
                .endSpec().build();
        client.persistentVolumes().resource(volume).create();
        log.info("provisioned {} ({}) in {} for {}", volumeName, volumeId, zone, claimRef);
        event(claim, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume " + volumeName);
    }

    private void volumeChanged(PersistentVolume volume) {
        boolean ours = DRIVER.equals(annotations(volume).get(PROVISIONED_BY));
        boolean released = volume.getStatus() != null && "Released".equals(volume.getStatus().getPhase());
        if (!ours || !released || !"Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())
                || volume.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
        Directories.deleteTree(volumes.resolve(volume.getMetadata().getName()));
        log.info("deleted released volume {}", volume.getMetadata().getName());
    }

    /** The zones the StorageClass allows, when it restricts them. */
    private static Optional<List<String>> allowedZones(StorageClass storageClass) {
        List<TopologySelectorTerm> terms = Objects.requireNonNullElse(storageClass.getAllowedTopologies(), List.of());
        List<String> zones = terms.stream()
                .flatMap(t -> Objects.requireNonNullElse(t.getMatchLabelExpressions(), List.<TopologySelectorLabelRequirement>of()).stream())
                .filter(e -> TOPOLOGY_KEY.equals(e.getKey()) || ZONE_LABEL.equals(e.getKey()))
                .flatMap(e -> e.getValues().stream()).distinct().toList();
        return zones.isEmpty() ? Optional.empty() : Optional.of(zones);
    }

    private void event(PersistentVolumeClaim claim, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        client.v1().events().inNamespace(claim.getMetadata().getNamespace()).resource(new EventBuilder()
                .withNewMetadata().withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1).build()).create();
    }

    static Map<String, String> annotations(HasMetadata object) {
        return Objects.requireNonNullElse(object.getMetadata().getAnnotations(), Map.of());
    }
}
