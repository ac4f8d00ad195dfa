package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.view.IntegrityReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in integrity writer on real components: the harness runs the rendered loop (POD SEQ MESSAGE CKSUM), and every
 * writer's lines read back through the real exec stay contiguous, unique and intact across a failover and Karpenter's
 * graceful replacement of the node (both also run the check themselves). The simulator's DataIntegrityTest checks the
 * same facts.
 */
class DataIntegrityIT {
    private static final String ZONE = "eu-west-2a";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace("integrity");

    @Test
    void everyWritersLinesStayIntactAcrossAFailoverAndAReplacedNode() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.DISRUPTION);
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(cluster.namespace()).zone(ZONE).replicas(3)
                     .workload(w -> w.integrityWriter(true).writeInterval(Duration.ofSeconds(2))).backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            IntegrityReport first = run.verifyIntegrity();
            assertThat(first.linesPerWriter()).hasSize(3);

            run.failover(Duration.ofMinutes(3));
            run.disruptNode();

            IntegrityReport last = run.verifyIntegrity();
            assertThat(last.linesPerWriter()).hasSize(3 + 1 + 3).containsKeys(first.linesPerWriter().keySet().toArray(String[]::new));
            assertThat(last.content().lines()).startsWith(first.content().lines().toArray(String[]::new));
        }
    }
}
