package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.Manifest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated API server refuses what a real one refuses. */
class ManifestValidationTest {
    @Test
    void aMountOfAVolumeThePodDoesNotDefineIsRefused() {
        Manifest statefulSet = StatefulEbsBlueprint.builder().zone("eu-west-2a")
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).build().render().find("StatefulSet").orElseThrow();
        ObjectNode body = statefulSet.body();
        ((ObjectNode) body.at("/spec/template/spec/containers/0/volumeMounts/0")).put("name", "persistent-storage");

        assertThatThrownBy(() -> new SimulatedCluster().apply(new Manifest(statefulSet.ref(), body)))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("StatefulSet.apps \"stateful\" is invalid")
                .hasMessageContaining("volumeMounts[0].name: Not found: \"persistent-storage\"");
    }
}
