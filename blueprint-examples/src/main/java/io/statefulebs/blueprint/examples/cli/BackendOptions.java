package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.sim.SimulatedCluster;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Which cluster the walkthrough runs on. Without real-cluster options: the embedded simulated cluster. */
public final class BackendOptions {
    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the simulated cluster: the same seed gives the same names, nodes and numbers"
                    + " (default: ${DEFAULT-VALUE}).")
    private long seed;

    /**
     * The run id when {@code --run-id} is not given: derived from the seed on the simulated cluster, so its output
     * repeats exactly; null (random) on a real one, where runs must not collide.
     */
    String defaultRunId() {
        return "walkthrough-" + Long.toUnsignedString(seed, 36);
    }

    /** Connects to (or creates) the cluster; call after the spec is validated, so bad input touches nothing. */
    ChosenBackend open() {
        SimulatedCluster cluster = SimulatedCluster.builder().seed(seed).build();
        return new ChosenBackend(cluster, "embedded simulated cluster in " + cluster.region() + ", seed " + seed
                + ", virtual time", Optional.of(cluster::advance), Optional.empty());
    }
}
