package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.util.ArrayList;
import java.util.List;

/** The typed views of the simulated objects, shaped as a real cluster's would be. */
final class SimViews {
    /** The version the simulated kubelets report, shaped like an EKS node's. */
    static final String KUBELET_VERSION = "v1.33.5-eks-simulated";

    private SimViews() {
    }

    static NodeView node(SimNode node) {
        return new NodeView(node.name, node.zone, node.type.name(), node.capacityType,
                node.labels.getOrDefault("karpenter.sh/nodepool", ""), node.ready,
                "true".equals(node.labels.get("karpenter.sh/initialized")), KUBELET_VERSION, node.registeredAt, node.labels);
    }

    static PodView pod(SimPod pod) {
        List<String> claims = pod.claimName == null ? List.of() : List.of(pod.claimName);
        return new PodView(pod.namespace, pod.name, pod.uid, pod.phase, pod.ready, pod.node, pod.reason, 0, pod.createdAt,
                pod.template.labels(), claims);
    }

    static ClaimView claim(SimClaim claim, ClusterModel cluster) {
        SimVolume volume = cluster.volumes.get(claim.volume);
        String phase = claim.bound() ? "Bound" : "Pending";
        return new ClaimView(claim.namespace, claim.name, phase, claim.volume, volume == null ? "" : volume.size, claim.size,
                claim.accessModes, claim.storageClass, volume == null ? "" : volume.zone, claim.createdAt);
    }

    static List<VolumeAttachmentView> attachments(ClusterModel cluster) {
        List<VolumeAttachmentView> out = new ArrayList<>();
        for (SimVolume v : cluster.volumes.values()) {
            if (!v.attachedNode.isEmpty() && v.attachmentDeletedUntil == null) {
                out.add(new VolumeAttachmentView(attachmentName(v.name, v.attachedNode), v.name, v.attachedNode, true));
            } else if (!v.attachingTo.isEmpty()) {
                out.add(new VolumeAttachmentView(attachmentName(v.name, v.attachingTo), v.name, v.attachingTo, false));
            }
        }
        return out;
    }

    static String attachmentName(String volume, String node) {
        return "csi-" + Integer.toHexString((volume + node).hashCode());
    }
}
