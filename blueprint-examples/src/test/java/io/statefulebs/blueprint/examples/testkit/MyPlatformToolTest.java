package io.statefulebs.blueprint.examples.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.testkit.Deployed;
import io.statefulebs.blueprint.testkit.SimulatedClusterTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's test-kit example, run: a node loss rehearsed on the extension's simulated cluster. */
@SimulatedClusterTest(seed = 7, region = "eu-west-2")
class MyPlatformToolTest {
    @Test
    void survivesANodeLoss(SimulatedCluster cluster, @Deployed(replicas = 3) BlueprintRun run) {
        String lost = run.workloadNodes().get(0).name();
        cluster.loseNode(lost);
        cluster.advance(Duration.ofMinutes(7));

        MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.WAIT, Duration.ofMinutes(10));

        assertThat(recovery.policy()).isEqualTo(MultiAttachPolicy.WAIT);
        assertThat(run.verifyZone().nodes()).extracting(n -> n.name()).doesNotContain(lost);
    }
}
