package io.statefulebs.blueprint.examples.embedding;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs in one JVM at the same time do not see or disturb each other, on separate clusters or on a shared one. */
class ConcurrentBlueprintsTest {
    private static final List<String> TEAMS = List.of("team-a", "team-b", "team-c", "team-d");

    private final ExecutorService executor = Executors.newFixedThreadPool(TEAMS.size());

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void fourRunsEachOnItsOwnClusterKeepToThemselves() throws Exception {
        Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
        List<BlueprintOutcome> outcomes = runAll(b -> clusters.computeIfAbsent(b.namespace(), n -> new SimulatedCluster()));

        assertIndependent(outcomes);
        assertThat(clusters).hasSize(TEAMS.size());
        clusters.forEach((team, cluster) -> assertThat(cluster.listLabelled(team, Map.of(OwnershipLabels.MANAGED_BY,
                OwnershipLabels.MANAGER))).isEmpty());
    }

    @Test
    void fourRunsSharingOneClusterKeepToThemselves() throws Exception {
        SimulatedCluster shared = new SimulatedCluster();
        List<BlueprintOutcome> outcomes = runAll(b -> shared);

        assertIndependent(outcomes);
        assertThat(outcomes).extracting(o -> o.claim().volumeName()).doesNotHaveDuplicates();
        for (BlueprintOutcome outcome : outcomes) {
            assertThat(shared.listLabelled(outcome.namespace(), OwnershipLabels.forRun(outcome.runId()))).isEmpty();
            assertThat(shared.exists(ResourceRef.storageClass(outcome.claim().storageClass()))).isFalse();
            assertThat(shared.exists(ResourceRef.persistentVolume(outcome.claim().volumeName()))).isFalse();
        }
    }

    @Test
    void mainPrintsOneLinePerTeam() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConcurrentBlueprints.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines()).hasSize(4).allSatisfy(line -> assertThat(line)
                .matches("team-[a-d]: run run-\\S+ in eu-west-2a, pods \\[.+, .+\\], first claim ebs-claim-stateful-0 Bound on storage-gp3-team-[a-d],"
                        + " \\d+ line\\(s\\) written, cleaned up: true"));
    }

    private List<BlueprintOutcome> runAll(Function<StatefulEbsBlueprint, ClusterBackend> backendFor) throws Exception {
        List<StatefulEbsBlueprint> blueprints = TEAMS.stream().map(ConcurrentBlueprints::blueprintFor).toList();
        return ConcurrentBlueprints.runAll(blueprints, backendFor, executor);
    }

    private static void assertIndependent(List<BlueprintOutcome> outcomes) {
        assertThat(outcomes).extracting(BlueprintOutcome::namespace).containsExactlyElementsOf(TEAMS);
        assertThat(outcomes).extracting(BlueprintOutcome::runId).doesNotHaveDuplicates();
        assertThat(outcomes).flatExtracting(BlueprintOutcome::pods).hasSize(2 * TEAMS.size());
        for (BlueprintOutcome outcome : outcomes) {
            String team = outcome.namespace();
            assertThat(outcome.zone()).isEqualTo("eu-west-2a");
            assertThat(outcome.pods()).hasSize(2);
            assertThat(outcome.claim().namespace()).isEqualTo(team);
            assertThat(outcome.claim().bound()).isTrue();
            assertThat(outcome.claim().storageClass()).isEqualTo("storage-gp3-" + team);
            assertThat(outcome.claim().name()).isEqualTo("ebs-claim-stateful-0");
            assertThat(outcome.fileLines()).isNotEmpty().allSatisfy(l ->
                    assertThat(l).startsWith("Writing content every three minutes! Printing a random number: "));
            assertThat(outcome.cleanedUp()).isTrue();
            assertThat(outcome.runIdsHeard()).containsExactly(outcome.runId());
        }
    }
}
