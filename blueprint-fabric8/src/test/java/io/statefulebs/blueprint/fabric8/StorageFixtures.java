package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySelectorTermBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Storage objects shaped as the EBS CSI driver, the controllers and Karpenter leave them (field for field what
 * {@code kubectl get -o yaml} shows on EKS, trimmed to what the doctor reads), created on the mock server.
 */
final class StorageFixtures {
    static final String DRIVER = "ebs.csi.aws.com";
    private final KubernetesClient client;

    StorageFixtures(KubernetesClient client) {
        this.client = client;
    }

    void storageClass(String name, String provisioner, String binding, Map<String, String> parameters, String... zones) {
        var sc = new StorageClassBuilder().withNewMetadata().withName(name).endMetadata().withProvisioner(provisioner)
                .withVolumeBindingMode(binding).withReclaimPolicy("Delete").withParameters(parameters);
        if (zones.length > 0) {
            sc.addToAllowedTopologies(new TopologySelectorTermBuilder().addNewMatchLabelExpression()
                    .withKey("topology.kubernetes.io/zone").withValues(zones).endMatchLabelExpression().build());
        }
        client.storage().v1().storageClasses().resource(sc.build()).create();
    }

    /** A volume as the driver provisions it since v1.33 (node affinity on {@code topology.kubernetes.io/zone}). */
    void volume(String name, String zone, String namespace, String claim, String phase, String reclaimPolicy) {
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(name)
                .addToAnnotations("pv.kubernetes.io/provisioned-by", DRIVER).endMetadata()
                .withNewSpec().addToAccessModes("ReadWriteOnce").addToCapacity("storage", new Quantity("4Gi"))
                .withNewClaimRef().withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claim).endClaimRef()
                .withNewCsi().withDriver(DRIVER).withVolumeHandle("vol-0" + Integer.toHexString(name.hashCode())).withFsType("ext4")
                .endCsi().withPersistentVolumeReclaimPolicy(reclaimPolicy).withStorageClassName("storage-gp3")
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("topology.kubernetes.io/zone").withOperator("In").withValues(zone)
                .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    void boundClaim(String namespace, String name, String volume) {
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name).endMetadata().withNewSpec().addToAccessModes("ReadWriteOnce")
                .withStorageClassName("storage-gp3").withVolumeName(volume).withNewResources()
                .addToRequests("storage", new Quantity("4Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Bound").addToAccessModes("ReadWriteOnce").addToCapacity("storage", new Quantity("4Gi"))
                .endStatus().build()).create();
    }

    void pendingClaim(String namespace, String name, String storageClass) {
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name).endMetadata().withNewSpec().addToAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass).withNewResources().addToRequests("storage", new Quantity("4Gi")).endResources()
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build()).create();
    }

    /** A pod owned by {@code ownerKind/ownerName} (a ReplicaSet's pods carry its pod-template-hash). */
    Pod pod(String namespace, String name, String ownerKind, String ownerName, String claim, String node) {
        var builder = new PodBuilder(ClusterObjects.pendingPod(namespace, name, claim)).editMetadata()
                .addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName(ownerName).withUid("uid-" + ownerName)
                .withController(true).withBlockOwnerDeletion(true).endOwnerReference().endMetadata();
        if (ownerKind.equals("ReplicaSet")) {
            builder.editMetadata().addToLabels("pod-template-hash", ownerName.substring(ownerName.lastIndexOf('-') + 1)).endMetadata();
        }
        Pod pod = builder.build();
        return node == null ? pod : ClusterObjects.running(pod, node);
    }

    void create(Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    void node(String name, String zone, boolean ready) {
        client.nodes().resource(new NodeBuilder(ClusterObjects.karpenterNode(name, zone)).editMetadata()
                .addToLabels("topology.ebs.csi.aws.com/zone", zone).endMetadata()
                .editStatus().editFirstCondition().withStatus(ready ? "True" : "Unknown")
                .withReason(ready ? "KubeletReady" : "NodeStatusUnknown")
                .withLastTransitionTime(Instant.now().minusSeconds(600).toString()).endCondition().endStatus().build()).create();
    }

    void csiNode(String node, int count) {
        client.storage().v1().csiNodes().resource(new CSINodeBuilder().withNewMetadata().withName(node).endMetadata()
                .withNewSpec().addNewDriver().withName(DRIVER).withNodeID("i-0" + Integer.toHexString(node.hashCode()))
                .addToTopologyKeys("topology.ebs.csi.aws.com/zone", "topology.kubernetes.io/zone")
                .withNewAllocatable().withCount(count).endAllocatable().endDriver().endSpec().build()).create();
    }

    void attachment(String name, String volume, String node, boolean attached) {
        client.storage().v1().volumeAttachments().resource(new VolumeAttachmentBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewSpec().withAttacher(DRIVER).withNodeName(node)
                .withNewSource().withPersistentVolumeName(volume).endSource().endSpec()
                .withNewStatus().withAttached(attached).addToAttachmentMetadata("devicePath", "/dev/xvdaa").endStatus().build()).create();
    }

    void budget(String namespace, String name, Map<String, String> matchLabels) {
        budget(namespace, name, new LabelSelectorBuilder().withMatchLabels(matchLabels).build());
    }

    void budget(String namespace, String name, LabelSelector selector) {
        client.policy().v1().podDisruptionBudget().inNamespace(namespace).resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name).endMetadata().withNewSpec().withNewMaxUnavailable(1)
                .withSelector(selector).endSpec()
                .withNewStatus().withDisruptionsAllowed(1).withCurrentHealthy(2).withDesiredHealthy(1).withExpectedPods(2)
                .endStatus().build()).create();
    }

    void event(String namespace, String name, String type, String reason, String pod, String message, String component, int count) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withType(type).withReason(reason).withMessage(message)
                .withNewInvolvedObject().withKind("Pod").withNamespace(namespace).withName(pod).endInvolvedObject()
                .withCount(count).withFirstTimestamp(Instant.now().minusSeconds(480).toString())
                .withLastTimestamp(Instant.now().minusSeconds(20).toString())
                .withNewSource().withComponent(component).endSource().build()).create();
    }

    /** A NodeClaim Karpenter is deleting that still waits for its node's volumes to detach. */
    void nodeClaimAwaitingDetach(String name, String node) {
        GenericKubernetesResource claim = new GenericKubernetesResourceBuilder().withApiVersion("karpenter.sh/v1").withKind("NodeClaim")
                .withNewMetadata().withName(name).addToLabels("karpenter.sh/nodepool", "default")
                .addToFinalizers("karpenter.sh/termination").endMetadata()
                .addToAdditionalProperties("status", Map.of("nodeName", node, "conditions", List.of(
                        Map.of("type", "Launched", "status", "True", "reason", "Launched", "message", "",
                                "lastTransitionTime", Instant.now().minusSeconds(3600).toString()),
                        Map.of("type", "VolumesDetached", "status", "False", "reason", "AwaitingVolumeDetachment",
                                "message", "AwaitingVolumeDetachment", "lastTransitionTime", Instant.now().minusSeconds(300).toString())))).build();
        client.genericKubernetesResources(KarpenterNodePools.NODE_CLAIMS).resource(claim).create();
        // Karpenter's termination finalizer keeps it: the delete only sets its deletionTimestamp.
        client.genericKubernetesResources(KarpenterNodePools.NODE_CLAIMS).withName(name).delete();
    }
}
