package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Objects;

/**
 * Plays the EBS CSI node plugin's registration (on EKS the {@code ebs-csi-node} DaemonSet's pod registers with the
 * kubelet, which writes the node's CSINode): every node with an EBS zone label gets a CSINode that names the driver,
 * the node as its node ID, the topology key, and the number of EBS volumes the node can attach
 * ({@code allocatable.count}, {@value #ATTACHABLE_VOLUMES} on every node here, whatever its instance type, unless the
 * node carries the label {@value #ATTACH_LIMIT_LABEL}, which tests set through a NodePool's template to plant a small
 * limit). The scheduler's volume-limits filter and Karpenter read that count, so both enforce attach limits as on EKS. The CSINode
 * is owned by its Node, as the kubelet's is, so the garbage collector deletes it with the node.
 */
final class HarnessCsiNodes extends HarnessPart {
    /**
     * The attach limit every node reports here. The EBS CSI driver computes it per instance type (on Nitro types: the
     * instance's attachment slots less those its network interfaces and instance-store volumes take).
     */
    static final int ATTACHABLE_VOLUMES = 25;
    /** A node label that sets the node's attach limit instead of {@value #ATTACHABLE_VOLUMES} (a positive integer). */
    static final String ATTACH_LIMIT_LABEL = "statefulebs.io/attach-limit";

    HarnessCsiNodes(KubernetesClient client) {
        super(client, "harness-csi-nodes");
    }

    @Override
    void start() {
        track(client.nodes().inform(onWorker(this::nodeChanged), 30_000));
    }

    private void nodeChanged(Node node) {
        String name = node.getMetadata().getName();
        Map<String, String> labels = Objects.requireNonNullElse(node.getMetadata().getLabels(), Map.of());
        if (node.getMetadata().getDeletionTimestamp() != null || !labels.containsKey(HarnessEbsProvisioner.TOPOLOGY_KEY)
                || client.storage().v1().csiNodes().withName(name).get() != null) {
            return;
        }
        int limit = attachLimit(name, labels);
        CSINode csiNode = new CSINodeBuilder()
                .withNewMetadata().withName(name).addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(name)
                .withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata()
                .withNewSpec().addNewDriver().withName(HarnessEbsProvisioner.DRIVER).withNodeID(name)
                .withTopologyKeys(HarnessEbsProvisioner.TOPOLOGY_KEY).withNewAllocatable().withCount(limit)
                .endAllocatable().endDriver().endSpec().build();
        client.storage().v1().csiNodes().resource(csiNode).create();
        log.info("node {}: CSINode with {} attachable EBS volumes", name, limit);
    }

    private int attachLimit(String node, Map<String, String> labels) {
        String planted = labels.get(ATTACH_LIMIT_LABEL);
        if (planted == null) {
            return ATTACHABLE_VOLUMES;
        }
        try {
            int limit = Integer.parseInt(planted);
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        log.warn("node {}: label {}={} is no positive integer; using {}", node, ATTACH_LIMIT_LABEL, planted, ATTACHABLE_VOLUMES);
        return ATTACHABLE_VOLUMES;
    }
}
