package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.OwnershipException;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run never takes over, nor deletes, an object it did not create. */
class OwnershipTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    private StatefulEbsBlueprint.Builder blueprint(String runId) {
        return StatefulEbsBlueprint.builder().zone("eu-west-2a").runId(runId).backend(cluster);
    }

    @Test
    void aSecondRunWithTheSameNamesIsRefusedAndTheFirstKeepsRunning() {
        try (BlueprintRun first = blueprint("first").deploy()) {
            first.awaitReady();

            assertThatThrownBy(() -> blueprint("second").deploy())
                    .isInstanceOfSatisfying(OwnershipException.class, e -> assertThat(e.conflicts()).hasSize(3)
                            .allSatisfy(f -> assertThat(f.cause()).contains("belongs to run first")))
                    .hasMessageContaining("StorageClass/storage-gp3 already exists and it belongs to run first")
                    .hasMessageContaining("choose other names")
                    .hasMessageContaining("adopt(true)");

            assertThat(first.pods()).hasSize(3).allMatch(PodView::running);
            assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("first"))).hasSize(6);
            assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("second"))).isEmpty();
        }
    }

    @Test
    void anObjectTheLibraryDidNotCreateIsRefusedAndSurvives() {
        cluster.apply(foreignClaim("ebs-claim"));

        assertThatThrownBy(() -> blueprint("r1").deploy())
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("PersistentVolumeClaim/default/ebs-claim already exists and it was not created by this library");

        assertThat(cluster.exists(ResourceRef.claim("default", "ebs-claim"))).isTrue();
        assertThat(cluster.objects()).containsExactly(ResourceRef.claim("default", "ebs-claim"));
    }

    @Test
    void adoptionTakesTheObjectOverOnlyWhenAskedAndSaysSo() {
        cluster.apply(foreignClaim("ebs-claim", "storage-gp3"));
        List<StepEvent> events = new ArrayList<>();

        try (BlueprintRun run = blueprint("r2").adopt(true).listener(events::add).deploy()) {
            assertThat(run.adopted()).containsExactly("PersistentVolumeClaim/default/ebs-claim");
            assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("adopted [PersistentVolumeClaim/default/ebs-claim]"));
            assertThat(cluster.metadata(ResourceRef.claim("default", "ebs-claim")).orElseThrow().labels())
                    .containsEntry(OwnershipLabels.RUN_ID, "r2");
        }
        assertThat(cluster.exists(ResourceRef.claim("default", "ebs-claim"))).as("an adopted claim goes with the run").isFalse();
    }

    @Test
    void aLiveRunIdCannotBeDeployedAgain() {
        try (BlueprintRun first = blueprint("same").deploy()) {
            assertThatThrownBy(() -> blueprint("same").storage(s -> s.storageClassName("other-sc").claimName("other-claim"))
                    .workload(w -> w.name("other")).deploy())
                    .isInstanceOf(OwnershipException.class)
                    .hasMessageContaining("run id same is live on the cluster")
                    .hasMessageContaining("Cleanup.run(backend, \"default\", \"same\", timeout)");

            assertThat(first.claims()).hasSize(1);
            assertThat(cluster.exists(ResourceRef.storageClass("other-sc"))).isFalse();
        }
    }

    @Test
    void cleanupLeavesAnObjectRelabelledBetweenListingAndDeletingAlone() {
        Manifest storageClass = blueprint("r3").build().withZone("eu-west-2a").render().find("StorageClass").orElseThrow();
        // A backend on which someone relabels the StorageClass just before cleanup's conditional delete reaches it.
        ClusterBackend racing = (ClusterBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ClusterBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("delete") && args.length == 2 && args[0].equals(storageClass.ref())) {
                        var body = storageClass.body();
                        body.with("metadata").with("labels").put(OwnershipLabels.RUN_ID, "someone-else");
                        cluster.apply(new Manifest(storageClass.ref(), body));
                    }
                    try {
                        return method.invoke(cluster, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("r3").backend(racing).deploy().awaitReady();

        CleanupReport report = run.cleanup();

        assertThat(report.leftAlone()).containsExactly("StorageClass/storage-gp3");
        assertThat(report.deleted()).contains("Deployment/default/stateful", "PersistentVolumeClaim/default/ebs-claim")
                .doesNotContain("StorageClass/storage-gp3");
        assertThat(report.clean()).isTrue();
        assertThat(cluster.metadata(storageClass.ref()).orElseThrow().labels()).containsEntry(OwnershipLabels.RUN_ID, "someone-else");
        run.close();
        cluster.delete(storageClass.ref());
    }

    @Test
    void aStatefulSetDoesNotAdoptSomeoneElsesClaimOnDeployOrScale() {
        cluster.apply(foreignClaim("ebs-claim-stateful-1"));
        StatefulEbsBlueprint.Builder set = blueprint("r4").workload(w -> w.kind(WorkloadKind.STATEFULSET));

        assertThatThrownBy(set::deploy).isInstanceOf(OwnershipException.class)
                .hasMessageContaining("PersistentVolumeClaim/default/ebs-claim-stateful-1 already exists");

        try (BlueprintRun run = set.replicas(1).deploy()) {
            run.awaitReady();
            assertThatThrownBy(() -> run.scale(2)).isInstanceOf(OwnershipException.class)
                    .hasMessageContaining("ebs-claim-stateful-1");
            assertThat(run.pods()).hasSize(1);
        }
        assertThat(cluster.exists(ResourceRef.claim("default", "ebs-claim-stateful-1"))).isTrue();
    }

    @Test
    void anApplyTheClusterRefusesRelabelsNothing() {
        cluster.apply(foreignClaim("ebs-claim"));
        Manifest changed = foreignClaim("ebs-claim", "other-sc");
        var body = changed.body();
        body.with("metadata").with("labels").put(OwnershipLabels.RUN_ID, "thief");

        assertThatThrownBy(() -> cluster.apply(new Manifest(changed.ref(), body))).hasMessageContaining("immutable");

        assertThat(cluster.metadata(changed.ref()).orElseThrow().labels()).doesNotContainKey(OwnershipLabels.RUN_ID);
    }

    @Test
    void everyCallOnAClosedRunFailsAtOnce() {
        BlueprintRun run = blueprint("r5").deploy();
        run.close();

        assertThatThrownBy(run::awaitReady).isInstanceOf(IllegalStateException.class).hasMessage("run r5 is closed");
        assertThatThrownBy(run::readFile).isInstanceOf(IllegalStateException.class).hasMessage("run r5 is closed");
        assertThatThrownBy(run::verifyZone).isInstanceOf(IllegalStateException.class).hasMessage("run r5 is closed");
        assertThatThrownBy(() -> run.scale(1)).isInstanceOf(IllegalStateException.class).hasMessage("run r5 is closed");
        run.close();
    }

    private static Manifest foreignClaim(String name) {
        return foreignClaim(name, "team-sc");
    }

    private static Manifest foreignClaim(String name, String storageClass) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = mapper.createObjectNode();
        body.put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
        body.putObject("metadata").put("name", name).put("namespace", "default").putObject("labels").put("team", "payments");
        var spec = body.putObject("spec");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.put("storageClassName", storageClass);
        spec.putObject("resources").putObject("requests").put("storage", "4Gi");
        return new Manifest(ResourceRef.claim("default", name), body);
    }

}
