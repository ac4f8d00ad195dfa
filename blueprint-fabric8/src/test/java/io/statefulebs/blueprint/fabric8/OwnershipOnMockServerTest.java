package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.OwnershipException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Through the fabric8 backend: another run's objects and a claim someone else made stop the deploy. */
class OwnershipOnMockServerTest extends MockClusterTest {
    private static final String NS = "blueprint";

    @Test
    void aSecondRunIsRefusedAndTheFirstRunsObjectsStayItsOwn() {
        BlueprintRun first = blueprint("first").deploy();

        assertThatThrownBy(() -> blueprint("second").deploy())
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("Deployment/blueprint/stateful already exists and it belongs to run first");

        assertThat(backend.listLabelled(NS, OwnershipLabels.forRun("first"))).extracting(ResourceRef::kind)
                .contains("StorageClass", "PersistentVolumeClaim", "Deployment");
        assertThat(backend.listLabelled(NS, OwnershipLabels.forRun("second"))).isEmpty();
        first.keep().close();
    }

    @Test
    void aClaimSomeoneElseMadeIsRefusedUnlessAdopted() {
        client.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("ebs-claim").withNamespace(NS).withLabels(Map.of("team", "payments")).endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withStorageClassName("storage-gp3")
                .withNewResources().withRequests(Map.of("storage", new Quantity("4Gi"))).endResources().endSpec().build()).create();

        assertThatThrownBy(() -> blueprint("r1").deploy())
                .isInstanceOf(OwnershipException.class)
                .hasMessageContaining("PersistentVolumeClaim/blueprint/ebs-claim already exists and it was not created by this library");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("ebs-claim").get().getMetadata().getLabels())
                .doesNotContainKey(OwnershipLabels.RUN_ID);

        BlueprintRun adopting = blueprint("r2").adopt(true).deploy();
        assertThat(adopting.adopted()).containsExactly("PersistentVolumeClaim/blueprint/ebs-claim");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("ebs-claim").get().getMetadata().getLabels())
                .containsEntry(OwnershipLabels.RUN_ID, "r2");
        adopting.keep().close();
    }

    private StatefulEbsBlueprint.Builder blueprint(String runId) {
        return StatefulEbsBlueprint.builder().namespace(NS).zone("eu-west-2a").runId(runId).preflight(false).backend(backend);
    }
}
