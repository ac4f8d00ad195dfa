package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.NodePoolView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only role is enough for the preflight and for reading a namespace the way a diagnosis does (nodes, pods,
 * claims, volumes, events, attachments, StorageClasses): nothing is refused, and nothing could be written.
 */
class ReadOnlyIT {
    private static final String NAMESPACE = "read-only";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void thePreflightPassesWithTheReadOnlyRole() {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a")
                .storage(s -> s.storageClassName("storage-gp3-read-only")).build();
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
            assertThat(backend.preflight(new PreflightRequest(NAMESPACE, blueprint.render().items(),
                    blueprint.storage().provisioner(), blueprint.workload().nodeSelector()))).isEmpty();
            assertThat(backend.nodePools()).extracting(NodePoolView::name).contains("default");
        }
    }

    @Test
    void aNamespaceAndTheClusterCanBeReadWithTheReadOnlyRole() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
            assertThat(backend.nodes()).isNotNull();
            assertThat(backend.pods(NAMESPACE, Map.of())).isEmpty();
            assertThat(backend.claims(NAMESPACE, Map.of())).isEmpty();
            assertThat(backend.claim(NAMESPACE, "ebs-claim")).isEmpty();
            assertThat(backend.events(NAMESPACE)).isNotNull();
            assertThat(backend.volumeAttachments()).isNotNull();
            assertThat(backend.exists(ResourceRef.persistentVolume("pvc-none"))).isFalse();
            assertThat(backend.exists(ResourceRef.storageClass("storage-gp3-none"))).isFalse();
            assertThat(backend.exists(new ResourceRef("storage.k8s.io/v1", "CSIDriver", null, "ebs.csi.aws.com"))).isTrue();
        }
    }
}
