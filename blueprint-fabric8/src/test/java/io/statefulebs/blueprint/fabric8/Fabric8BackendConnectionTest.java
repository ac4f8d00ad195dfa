package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the backend is found and connects: ServiceLoader, kubeconfig and context, explicit server with a token supplier. */
class Fabric8BackendConnectionTest {
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void serviceLoaderFindsTheProviderByName() {
        assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p.name()).isEqualTo("fabric8");
                    assertThat(p).isInstanceOf(Fabric8BackendProvider.class);
                });
    }

    @Test
    void connectsWithAKubeconfigContext(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
Files.writeString(kubeconfig, BadConnectionInputTest.kubeconfig(cluster.url()));

        try (Fabric8Backend backend = Fabric8Backend.builder().kubeconfig(kubeconfig).context("mock").build()) {
            assertThat(backend.nodes()).isEmpty();
            assertThat(backend.toString()).contains("127.0.0.1").doesNotContain("kubeconfig-secret");
        }
        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(kubeconfig).context("nope").build())
                .isInstanceOf(BackendException.class).hasMessageContaining("context=nope");
    }

    @Test
    void asksTheTokenSupplierForEveryRequestAndNeverShowsTheToken() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
        String pem = Files.readString(Path.of(certificate.certificatePath()));
        AtomicInteger issued = new AtomicInteger();
        cluster.server().expect().delete().withPath("/apis/storage.k8s.io/v1/storageclasses/sc")
                .andReturn(401, new StatusBuilder().withCode(401).withMessage("Unauthorized").build()).always();

        try (Fabric8Backend backend = Fabric8Backend.builder()
                .connection(URI.create(cluster.url()), pem, () -> "secret-token-" + issued.incrementAndGet()).build()) {
            backend.nodes();
            backend.nodes();
            assertThat(cluster.drainRequests()).extracting(r -> r.getHeader("Authorization"))
                    .containsExactly("Bearer secret-token-1", "Bearer secret-token-2");

            assertThatThrownBy(() -> backend.delete(ResourceRef.storageClass("sc")))
                    .isInstanceOf(BackendException.class).hasMessageContaining("unauthorized")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token"));
            assertThat(backend.toString()).doesNotContain("secret-token");
        } finally {
            certificate.delete();
        }
    }

    @Test
    void closeClosesOnlyAClientTheBackendBuilt() {
        var callers = cluster.newClient();
        Fabric8Backend.builder().client(callers).build().close();
        assertThat(callers.nodes().list().getItems()).isEmpty();

        assertThatThrownBy(() -> Fabric8Backend.builder().client(callers).context("x").build())
                .isInstanceOf(IllegalStateException.class);
    }

}
