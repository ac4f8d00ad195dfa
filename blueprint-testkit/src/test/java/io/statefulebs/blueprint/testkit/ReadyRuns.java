package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.SimulatedCluster;

import java.time.Duration;

/** The scenario tests' starting point: the blueprint's three writers deployed on the simulator and Ready. */
final class ReadyRuns {
    private ReadyRuns() {
    }

    static BlueprintRun threeWritersIn(SimulatedCluster cluster, String zone) {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone(zone).replicas(3).backend(cluster).deploy();
        run.awaitReady(Duration.ofMinutes(5));
        return run;
    }
}
