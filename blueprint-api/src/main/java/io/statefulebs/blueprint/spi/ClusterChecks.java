package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;

import java.util.List;

/** Optional capability: checks of the cluster before anything is applied. Without it the preflight is skipped. */
public interface ClusterChecks {
    /**
     * Checks the cluster can run what {@code request} describes; one finding per failed check, empty when all pass.
     *
     * @param request what the run is about to apply
     * @return the findings of the failed checks
     */
    List<Finding> preflight(PreflightRequest request);

    /**
     * Karpenter NodePools, with their node class's subnet zones where known; empty when there are none (the
     * topology preflight then has nothing to check).
     *
     * @return the NodePools found
     */
    List<NodePoolView> nodePools();
}
