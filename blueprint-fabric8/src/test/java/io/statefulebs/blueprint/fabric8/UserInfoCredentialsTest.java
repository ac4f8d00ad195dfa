package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.statefulebs.blueprint.error.InvalidConfigurationException;
import io.statefulebs.blueprint.testkit.PreflightRequests;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A password or token in the API server URL's user-info (https://user:TOKEN@host) never shows in any string. */
class UserInfoCredentialsTest {
    private static final String SECRET = "S3cr3tInTheUrl";

    @Test
    void anExplicitConnectionWithCredentialsInTheUrlIsRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> Fabric8Backend.builder()
                .connection(URI.create("https://admin:" + SECRET + "@127.0.0.1:6443"), "-----BEGIN CERTIFICATE-----", () -> "t")
                .build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("user-info")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aKubeconfigWithCredentialsInTheServerUrlIsRefusedWithoutEchoingThem(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://admin:%s@127.0.0.1:6443
                contexts:
                - name: ctx
                  context: {cluster: c, user: u}
                current-context: ctx
                users:
                - name: u
                  user: {token: abc}
                """.formatted(SECRET));

        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(kubeconfig).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("user-info")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aCallersClientWithCredentialsInItsUrlNeverShowsThem() {
        KubernetesClient theirs = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://admin:" + SECRET + "@127.0.0.1:1").build()).build();
        try (Fabric8Backend backend = Fabric8Backend.builder().client(theirs).retry(1, java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(1)).build()) {
            String preflight = backend.preflight(PreflightRequests.of(StatefulEbsBlueprint.builder().zone("eu-west-2a").build()))
                    .toString();
            Throwable read = catchThrowable(backend::nodes);

            assertThat(backend.toString()).contains("127.0.0.1").doesNotContain(SECRET);
            assertThat(preflight).contains("127.0.0.1").doesNotContain(SECRET);
            assertThat(read).isNotNull();
            assertThat(String.valueOf(read.getMessage())).doesNotContain(SECRET);
        } finally {
            theirs.close();
        }
    }
}
