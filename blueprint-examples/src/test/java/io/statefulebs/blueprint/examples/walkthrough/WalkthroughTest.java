package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.sim.ApiVerb;
import io.statefulebs.blueprint.Cleanup;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.testkit.SimulatedClusterTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The step sequence itself, independent of printing; the test kit checks each test leaves the cluster empty. */
@SimulatedClusterTest(seed = 11)
class WalkthroughTest {
    private SimulatedCluster cluster;
    private final StatefulEbsBlueprint spec = StatefulEbsBlueprint.builder().zone(Zones.firstAvailable())
            .runId("walkthrough-test").build();

    @BeforeEach
    void onTheTestKitsCluster(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void listenerHearsEveryStepInOrderWithTheLibrarysProgressOfThisRun() {
        Recording recording = new Recording();
        WalkthroughReport report = walkthrough(true, false).run(recording);

        assertThat(report.passed()).isTrue();
        assertThat(recording.started).containsExactlyElementsOf(WalkthroughStep.planned(false)).doesNotContain(WalkthroughStep.DISRUPT);
        assertThat(recording.ended).extracting(StepRecord::step).containsExactlyElementsOf(WalkthroughStep.planned(false));
        assertThat(recording.progress).isNotEmpty().allSatisfy(e -> assertThat(e.runId()).isEqualTo("walkthrough-test"));
        assertThat(recording.progress).extracting(StepEvent::step).contains("apply", "await-ready", "failover", "cleanup");
        assertThat(recording.listed).containsExactly(WalkthroughStep.INSPECT, WalkthroughStep.SCALE_DOWN, WalkthroughStep.SCALE_UP);
        assertThat(recording.finished).containsExactly(report);
        assertThat(report.applied()).hasValueSatisfying(a -> {
            assertThat(a.claim().phase()).isEqualTo("Pending");
            assertThat(a.waitingForFirstConsumer()).isTrue();
        });
        assertThat(report.afterScaleUp().orElseThrow().nodes()).singleElement()
                .satisfies(n -> assertThat(n.name()).isNotEqualTo(report.ready().orElseThrow().nodes().get(0).name()));
    }

    @Test
    void aFailedStepSkipsTheRestButCleanupStillRemovesEverything() {
        cluster.failNext(ApiVerb.EXEC, 1);
        WalkthroughReport report = walkthrough(true, false).run(new WalkthroughListener() { });

        assertThat(report.passed()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f.step()).isEqualTo(WalkthroughStep.READ_FILE));
        assertThat(report.steps()).extracting(StepRecord::outcome).containsExactly(
                StepOutcome.PASSED, StepOutcome.PASSED, StepOutcome.PASSED, StepOutcome.PASSED, StepOutcome.PASSED,
                StepOutcome.FAILED, StepOutcome.SKIPPED, StepOutcome.SKIPPED, StepOutcome.SKIPPED, StepOutcome.SKIPPED,
                StepOutcome.PASSED);
        assertThat(report.firstRead()).isEmpty();
        assertThat(report.cleanup()).hasValueSatisfying(c -> assertThat(c.clean()).isTrue());
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("walkthrough-test"))).isEmpty();
    }

    @Test
    void withoutVirtualTimeTheWaitForNewLinesIsSkippedAndTheRunStillPasses() {
        WalkthroughReport report = walkthrough(false, false).run(new WalkthroughListener() { });

        assertThat(report.passed()).isTrue();
        assertThat(report.steps()).filteredOn(s -> s.step() == WalkthroughStep.LET_TIME_PASS).singleElement()
                .satisfies(s -> assertThat(s.outcome()).isEqualTo(StepOutcome.SKIPPED));
        assertThat(report.failover().orElseThrow().before().lines()).hasSize(3);
    }

    @Test
    void keptRunLeavesItsObjectsInTheCluster() {
        WalkthroughReport report = walkthrough(true, true).run(new WalkthroughListener() { });

        assertThat(report.passed()).isTrue();
        assertThat(report.cleanup()).isEmpty();
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("walkthrough-test")))
                .extracting(r -> r.kind()).contains("StorageClass", "PersistentVolumeClaim", "Deployment");

        // A kept run is finished by its id, as from another process; the test kit then finds the cluster empty.
        assertThat(Cleanup.run(cluster, "default", "walkthrough-test", Duration.ofMinutes(5)).clean()).isTrue();
    }

    private Walkthrough walkthrough(boolean virtualTime, boolean keep) {
        Walkthrough.Builder builder = Walkthrough.builder().spec(spec).backend(cluster).keep(keep);
        if (virtualTime) {
            builder.virtualTime(cluster::advance);
        }
        return builder.build();
    }

    private static final class Recording implements WalkthroughListener {
        final List<WalkthroughStep> started = new ArrayList<>();
        final List<StepRecord> ended = new ArrayList<>();
        final List<StepEvent> progress = new ArrayList<>();
        final List<WalkthroughStep> listed = new ArrayList<>();
        final List<WalkthroughReport> finished = new ArrayList<>();

        @Override
        public void stepStarted(WalkthroughStep step) {
            started.add(step);
        }

        @Override
        public void progress(StepEvent event) {
            progress.add(event);
        }

        @Override
        public void listed(WalkthroughStep step, ClusterSnapshot snapshot) {
            listed.add(step);
        }

        @Override
        public void stepEnded(StepRecord record) {
            ended.add(record);
        }

        @Override
        public void finished(WalkthroughReport report) {
            finished.add(report);
        }
    }
}
