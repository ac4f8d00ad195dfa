package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.IntegrityReport;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The integrity writer on the simulated cluster: every writer's lines stay contiguous, unique and intact across a
 * failover, a graceful node replacement and a Multi-Attach recovery (each of which also runs the check itself).
 */
class DataIntegrityTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private BlueprintRun readyRun() {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").workload(w -> w.integrityWriter(true))
                .backend(cluster).deploy();
        run.awaitReady();
        cluster.advance(Duration.ofMinutes(7));
        return run;
    }

    @Test
    void everyWritersLinesAreIntactAcrossFailoverDisruptionAndRecovery() {
        try (BlueprintRun run = readyRun()) {
            IntegrityReport first = run.verifyIntegrity();
            assertThat(first.linesPerWriter()).hasSize(3).allSatisfy((pod, lines) -> assertThat(lines).isEqualTo(3));

            run.failover();
            DisruptionReport disruption = run.disruptNode();
            cluster.advance(Duration.ofMinutes(3));
            cluster.loseNode(disruption.newNodes().get(0));
            cluster.advance(Duration.ofMinutes(3));
            run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(10));

            IntegrityReport last = run.verifyIntegrity();
            assertThat(last.intact()).isTrue();
            // the first three writers, the failover's replacement, three after the disruption, three after the recovery
            assertThat(last.linesPerWriter()).hasSize(3 + 1 + 3 + 3).containsAllEntriesOf(first.linesPerWriter());
            assertThat(last.content().lines()).startsWith(first.content().lines().toArray(String[]::new));
            for (PodView pod : run.pods()) {
                assertThat(last.linesPerWriter()).containsKey(pod.name());
            }
        }
    }

    @Test
    void theBlueprintsWriterCannotBeChecked() {
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy()) {
            run.awaitReady();
            assertThatThrownBy(run::verifyIntegrity).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("workload(w -> w.integrityWriter(true))");
        }
    }
}
