package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ClusterBackend;

/** Registers the embedded simulated cluster as the fallback backend: used when no other backend is configured. */
public final class SimulatedBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return SimulatedCluster.NAME;
    }

    @Override
    public ClusterBackend create() {
        return new SimulatedCluster();
    }

    @Override
    public boolean fallback() {
        return true;
    }
}
