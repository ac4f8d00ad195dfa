package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
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
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void anInterceptorSeesEveryRequestOfTheClientTheBackendBuilds(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), BadConnectionInputTest.kubeconfig(cluster.url()));
        List<String> seen = new CopyOnWriteArrayList<>();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                seen.add(request.method() + " " + request.uri().getPath());
            }
        };

        try (Fabric8Backend backend = Fabric8Backend.builder().kubeconfig(kubeconfig).context("mock")
                .interceptor("recorder", recorder).build()) {
            backend.nodes();
            backend.volumeAttachments();
        }
        assertThat(seen).containsExactly("GET /api/v1/nodes", "GET /apis/storage.k8s.io/v1/volumeattachments");

        assertThatThrownBy(() -> Fabric8Backend.builder().client(cluster.newClient()).interceptor("recorder", recorder).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add the interceptor to that client");
        assertThatThrownBy(() -> Fabric8Backend.builder().interceptor(" ", recorder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interceptor name");
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
