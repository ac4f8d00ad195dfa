package io.statefulebs.blueprint.benchmarks;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;

import java.time.Duration;
import java.time.Instant;

/** One full walkthrough on a simulated cluster: how long it took on the wall and in the cluster. */
record WalkthroughTiming(Duration wall, Duration cluster) {

    /** {@code ownsNodes}: whether scaling to zero may wait for consolidation (false where other runs share the nodes). */
    static WalkthroughTiming run(SimulatedCluster cluster, WorkloadKind kind, boolean ownsNodes, String namespace, String runId,
                                 String storageClass) {
        long start = System.nanoTime();
        Instant clusterStart = cluster.clock().instant();
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").namespace(namespace).runId(runId)
                .storage(s -> s.storageClassName(storageClass)).workload(w -> w.kind(kind)).backend(cluster).deploy()) {
            run.awaitReady();
            run.verifyZone();
            run.readFile();
            cluster.advance(Duration.ofMinutes(3));
            run.failover();
            if (ownsNodes) {
                run.scale(0).awaitNodesReleased();
                run.scale(3).awaitReady().verifyZone();
            }
        }
        return new WalkthroughTiming(Duration.ofNanos(System.nanoTime() - start),
                Duration.between(clusterStart, cluster.clock().instant()));
    }
}
