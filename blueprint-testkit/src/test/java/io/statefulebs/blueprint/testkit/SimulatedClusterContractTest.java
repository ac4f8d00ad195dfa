package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ClusterBackend;

/** The simulated cluster runs its own controllers, so it needs no actors. */
class SimulatedClusterContractTest extends ClusterBackendContract {
    private final SimulatedCluster cluster = new SimulatedCluster();

    @Override
    protected ClusterBackend backend() {
        return cluster;
    }

    @Override
    protected ClusterActors actors() {
        return ClusterActors.none();
    }
}
