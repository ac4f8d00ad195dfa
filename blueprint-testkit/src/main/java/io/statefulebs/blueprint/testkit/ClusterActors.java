package io.statefulebs.blueprint.testkit;

import java.util.Map;

/**
 * Plays the controllers a bare API server lacks (a CSI provisioner, a scheduler and kubelet), so the contract can
 * test waits against real state changes. Backends that model the controllers themselves use {@link #none()}.
 * Called from a thread other than the one waiting.
 */
public interface ClusterActors {
    /**
     * Binds the claim to a new volume in {@code zone}, as the EBS CSI provisioner would.
     *
     * @param namespace the claim's namespace
     * @param claim the claim's name
     * @param zone the volume's zone
     */
    void bindClaim(String namespace, String claim, String zone);

    /**
     * Makes {@code count} pods with {@code podLabels} Running and ready on a Karpenter node of NodePool
     * {@code default} in {@code zone} (creating the node if needed).
     *
     * @param namespace the pods' namespace
     * @param podLabels the pods' labels
     * @param count how many pods
     * @param zone the node's zone
     */
    void runPods(String namespace, Map<String, String> podLabels, int count, String zone);

    /**
     * For backends whose cluster runs its own controllers.
     *
     * @return actors that do nothing
     */
    static ClusterActors none() {
        return new ClusterActors() {
            @Override
            public void bindClaim(String namespace, String claim, String zone) {
            }

            @Override
            public void runPods(String namespace, Map<String, String> podLabels, int count, String zone) {
            }
        };
    }
}
