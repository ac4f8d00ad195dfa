package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.spi.ClusterBackend;

/** Placeholder while the model is written. */
public abstract class SimulatedCluster implements ClusterBackend {
}
