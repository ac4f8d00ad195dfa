package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.ApiVerb;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The extension as users meet it: the example classes below are run through the JUnit engine, so a test that leaves
 * objects behind or fails can be observed failing.
 */
class SimulatedClusterExtensionTest {
    @Test
    void injectsAClusterAndAReadyRunAndPassesWhenTheTestLeavesNothing() {
        Events tests = run(Clean.class);

        tests.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void failsATestThatLeftObjectsAndListsThem() {
        Events tests = run(LeavesARunBehind.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = failure(tests);
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the test left")
                .hasMessageContaining("StorageClass/storage-gp3")
                .hasMessageContaining("Deployment/default/stateful")
                .hasMessageContaining("Close every BlueprintRun");
    }

    @Test
    void aFailingTestCarriesTheClusterEventLog() {
        Events tests = run(FailsOnAFault.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        Throwable failure = failure(tests);
        assertThat(failure.getSuppressed()).anySatisfy(log -> assertThat(log.getMessage())
                .startsWith("simulated cluster event log")
                .contains("WaitForFirstConsumer"));
    }

    @Test
    void theAnnotationConfiguresRegionZonesNodePoolAndLifecycle() {
        SharedCluster.seen.clear();
        Events tests = run(SharedCluster.class);

        tests.assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SharedCluster.seen).hasSize(2);
        assertThat(Set.copyOf(SharedCluster.seen)).as("one cluster for the class").hasSize(1);
    }

    @Test
    void aSpecMethodThatDoesNotExistIsAConfigurationErrorNamingIt() {
        Events tests = run(MissingSpecMethod.class);

        tests.assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(tests)).hasMessageContaining("spec = \"noSuchMethod\"").hasMessageContaining("has no method noSuchMethod()");
    }

    private static Events run(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute().testEvents();
    }

    private static Throwable failure(Events tests) {
        return tests.failed().stream().findFirst().flatMap(Event::getPayload)
                .map(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable().orElseThrow())
                .orElseThrow();
    }

    @SimulatedClusterTest(seed = 7)
    static class Clean {
        @Test
        void walkthroughSteps(SimulatedCluster cluster, @Deployed(replicas = 2) BlueprintRun run) {
            assertThat(run.pods()).hasSize(2).allMatch(PodView::running);
            assertThat(run.backendName()).isEqualTo(cluster.name());
            run.scale(0).awaitNodesReleased();
            cluster.advance(Duration.ofMinutes(5));
        }

        @Test
        void aStatefulSetFromASpecMethod(@Deployed(spec = "statefulSet") BlueprintRun run) {
            assertThat(run.blueprint().workload().kind()).isEqualTo(WorkloadKind.STATEFULSET);
            assertThat(run.claims()).hasSize(3);
        }

        static StatefulEbsBlueprint statefulSet() {
            return StatefulEbsBlueprint.builder().zone("eu-west-2b").workload(w -> w.kind(WorkloadKind.STATEFULSET)).build();
        }
    }

    @SimulatedClusterTest
    static class LeavesARunBehind {
        @Test
        void deploysWithoutClosing(SimulatedCluster cluster) {
            StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(cluster).deploy().awaitReady();
        }
    }

    @SimulatedClusterTest
    static class FailsOnAFault {
        @Test
        void readFileMeetsAnApiError(SimulatedCluster cluster, @Deployed BlueprintRun run) {
            cluster.failNext(ApiVerb.EXEC, 1);
            run.readFile();
        }
    }

    @SimulatedClusterTest(region = "us-east-1", zones = {"us-east-1b", "us-east-1c"}, nodePool = "spotOnly",
            lifecycle = SimulatedClusterTest.Lifecycle.PER_CLASS)
    static class SharedCluster {
        static final List<SimulatedCluster> seen = new ArrayList<>();

        static NodePoolModel spotOnly() {
            return NodePoolModel.blueprintDefault().withRequirement(NodePoolModel.CAPACITY_TYPE, "spot");
        }

        @Test
        void first(SimulatedCluster cluster, @Deployed(zone = "us-east-1c", replicas = 1) BlueprintRun run) {
            seen.add(cluster);
            assertThat(cluster.region()).isEqualTo("us-east-1");
            assertThat(cluster.availableZones()).extracting(z -> z.name()).containsExactly("us-east-1b", "us-east-1c");
            assertThat(run.workloadNodes()).singleElement().satisfies(n -> {
                assertThat(n.zone()).isEqualTo("us-east-1c");
                assertThat(n.capacityType()).isEqualTo("spot");
            });
        }

        @Test
        void second(SimulatedCluster cluster) {
            seen.add(cluster);
            assertThat(cluster.pods("default", Map.of())).isEmpty();
        }
    }

    @SimulatedClusterTest
    static class MissingSpecMethod {
        @Test
        void deploys(@Deployed(spec = "noSuchMethod") BlueprintRun run) {
        }
    }
}
