package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.OwnershipException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a real API server a run takes over nothing it did not create: an object written by another field manager (as
 * {@code kubectl apply --server-side} would) and another run's objects both stop the deploy before anything is written.
 */
class OwnershipIT {
    private static final String NAMESPACE = "ownership";

    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void aClaimWrittenByAnotherFieldManagerIsNeitherTakenOverNorDeleted() {
        PersistentVolumeClaim theirs = new PersistentVolumeClaimBuilder().withNewMetadata().withName("team-claim")
                .withNamespace(NAMESPACE).withLabels(Map.of("team", "payments")).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("team-sc")
                .withNewResources().withRequests(Map.of("storage", new Quantity("4Gi"))).endResources().endSpec().build();
        cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).resource(theirs).fieldManager("kubectl").serverSideApply();
        try (Fabric8Backend backend = cluster.newBackend()) {
            assertThatThrownBy(() -> blueprint("own-foreign").storage(s -> s.claimName("team-claim")).backend(backend).deploy())
                    .isInstanceOf(OwnershipException.class)
                    .hasMessageContaining("PersistentVolumeClaim/ownership/team-claim already exists and it was not created by this"
                            + " library (field managers: kubectl)");

            assertThat(backend.listLabelled(NAMESPACE, OwnershipLabels.forRun("own-foreign"))).isEmpty();
            assertThat(backend.metadata(ResourceRef.claim(NAMESPACE, "team-claim")).orElseThrow().labels())
                    .containsEntry("team", "payments").doesNotContainKey(OwnershipLabels.RUN_ID);
        } finally {
            cluster.client().persistentVolumeClaims().inNamespace(NAMESPACE).withName("team-claim").delete();
        }
    }

    @Test
    void aSecondRunCannotTakeOverTheFirstRunsObjects() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun first = blueprint("own-first").backend(backend).deploy()) {
            assertThatThrownBy(() -> blueprint("own-second").backend(backend).deploy())
                    .isInstanceOf(OwnershipException.class)
                    .hasMessageContaining("StorageClass/storage-gp3-ownership already exists and it belongs to run own-first");

            assertThat(backend.listLabelled(NAMESPACE, OwnershipLabels.forRun("own-first"))).extracting(ResourceRef::kind)
                    .contains("StorageClass", "PersistentVolumeClaim", "Deployment");
            assertThat(backend.listLabelled(NAMESPACE, OwnershipLabels.forRun("own-second"))).isEmpty();
            assertThat(first.claims()).hasSize(1);
        }
    }

    private static StatefulEbsBlueprint.Builder blueprint(String runId) {
        return StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").runId(runId).preflight(false)
                .storage(s -> s.storageClassName("storage-gp3-ownership"));
    }
}
