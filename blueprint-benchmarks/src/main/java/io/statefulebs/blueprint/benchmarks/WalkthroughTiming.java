package io.statefulebs.blueprint.benchmarks;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.SimulatedCluster;

import java.time.Duration;
import java.time.Instant;

/** One full walkthrough on a simulated cluster: how long it took on the wall and in the cluster. */
record WalkthroughTiming(Duration wall, Duration cluster) {

    static WalkthroughTiming run(SimulatedCluster cluster, String namespace, String runId, String storageClass) {
        long start = System.nanoTime();
        Instant clusterStart = cluster.clock().instant();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").namespace(namespace).runId(runId)
                .storage(s -> s.storageClassName(storageClass)).backend(cluster).deploy()) {
            run.awaitReady();
            run.verifyZone();
            run.readFile();
            cluster.advance(Duration.ofMinutes(3));
            run.failover();
            run.scale(0).awaitNodesReleased();
            run.scale(3).awaitReady().verifyZone();
        }
        return new WalkthroughTiming(Duration.ofNanos(System.nanoTime() - start),
                Duration.between(clusterStart, cluster.clock().instant()));
    }
}
