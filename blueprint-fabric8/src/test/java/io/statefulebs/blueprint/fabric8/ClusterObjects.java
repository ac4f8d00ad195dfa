package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/** Objects as Karpenter, the EBS CSI driver and the kubelet would leave them, for the mock server. */
final class ClusterObjects {
    private ClusterObjects() {
    }

    static Node karpenterNode(String name, String zone) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels(Map.of("karpenter.sh/nodepool", "default", "karpenter.sh/capacity-type", "spot",
                        "node.kubernetes.io/instance-type", "m7g.xlarge", "topology.kubernetes.io/zone", zone,
                        "karpenter.sh/initialized", "true", "intent", "apps"))
                .endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    /** The label by which the backend's informers select the runs' pods and claims. */
    static final java.util.Map<String, String> MANAGED_BY_LIBRARY = java.util.Map.of(
            io.statefulebs.blueprint.render.OwnershipLabels.MANAGED_BY, io.statefulebs.blueprint.render.OwnershipLabels.MANAGER);
    /** The query of a list or watch selecting {@link #MANAGED_BY_LIBRARY}. */
    static final String MANAGED_QUERY = "labelSelector=app.kubernetes.io%2Fmanaged-by%3Dstateful-ebs-blueprint";

    static Pod pendingPod(String namespace, String name, String claim) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app", "stateful").addToLabels(MANAGED_BY_LIBRARY).endMetadata()
                .withNewSpec().addNewContainer().withName("stateful").withImage("public.ecr.aws/docker/library/centos")
                .endContainer()
                .addNewVolume().withName("persistent-storage").withNewPersistentVolumeClaim().withClaimName(claim)
                .endPersistentVolumeClaim().endVolume()
                .endSpec()
                .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").endCondition().endStatus()
                .build();
    }

    static Pod running(Pod pod, String node) {
        return new PodBuilder(pod).editSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("stateful").withRestartCount(1).withReady(true).endContainerStatus()
                .endStatus().build();
    }

    static PersistentVolume ebsVolume(String name, String zone) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addToCapacity("storage", new Quantity("4Gi")).withStorageClassName("storage-gp3")
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("topology.ebs.csi.aws.com/zone").withOperator("In").withValues(zone)
                .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec().build();
    }
}
