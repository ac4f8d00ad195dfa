package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.Map;

/**
 * A node as {@code kubectl get nodes -L karpenter.sh/capacity-type,...} shows it. Values missing on the node
 * (a node Karpenter did not launch) are empty strings.
 */
public record NodeView(String name, String zone, String instanceType, String capacityType, String nodePool,
                       boolean ready, boolean initialized, String kubeletVersion, Instant createdAt,
                       Map<String, String> labels) {
    /**
     * Copies the labels.
     *
     * @param name the node's name
     * @param zone its zone
     * @param instanceType its instance type
     * @param capacityType on-demand or spot
     * @param nodePool the NodePool that launched it
     * @param ready whether it is Ready
     * @param initialized whether Karpenter initialized it
     * @param kubeletVersion its kubelet version
     * @param createdAt when it was created
     * @param labels its labels
     */
    public NodeView {
        labels = Map.copyOf(labels);
    }

    /**
     * Whether Karpenter launched this node (it carries the {@code karpenter.sh/nodepool} label).
     *
     * @return whether Karpenter launched it
     */
    public boolean karpenterManaged() {
        return !nodePool.isEmpty();
    }
}
