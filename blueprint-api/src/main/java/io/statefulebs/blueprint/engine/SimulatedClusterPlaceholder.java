package io.statefulebs.blueprint.engine;
final class SimulatedClusterPlaceholder { static io.statefulebs.blueprint.spi.ClusterBackend create() { throw new UnsupportedOperationException(); } }
