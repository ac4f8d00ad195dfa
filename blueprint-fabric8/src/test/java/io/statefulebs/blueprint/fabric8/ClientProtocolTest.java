package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client the backend builds speaks HTTP/1.1: over HTTP/2 the JDK client fails requests with "too many concurrent
 * streams" once the API server's stream limit is reached (the real tier's 100 concurrent runs on one backend met it).
 */
class ClientProtocolTest {
    @Test
    void theClientTheBackendBuildsUsesHttp11(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), BadConnectionInputTest.kubeconfig("https://127.0.0.1:6443"));

        try (KubernetesClient client = ClientFactory.fromKubeconfig("mock", List.of(kubeconfig), Map.of())) {
            assertThat(client.getConfiguration().isHttp2Disable()).isTrue();
        }
        ClientThreads threads = new ClientThreads();
        try {
            assertThat(threads.jdkClientBuilder().build().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        } finally {
            threads.onClose(threads.get());
        }
    }
}
