package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.error.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection settings that cannot work fail in build(), one error naming the setting and the fix, before any request. */
class BadConnectionInputTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

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
    void aKubeconfigThatDoesNotExist() {
        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(Path.of("/no/such/file")).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("configure the fabric8 backend: kubeconfig=/no/such/file: no such file; pass the path of an "
                        + "existing kubeconfig to kubeconfig(...), or leave it unset to use KUBECONFIG or ~/.kube/config");
    }

    @Test
    void aContextTheKubeconfigLacksSendsNoRequest(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), kubeconfig(cluster.url()));

        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(kubeconfig).context("prod").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("configure the fabric8 backend: context=prod: kubeconfig " + kubeconfig + " has no such context "
                        + "(it has [mock, other]); pass one of those to context(...), or leave it unset for the current context");
        assertThat(cluster.drainRequests()).isEmpty();
    }

    @Test
    void aMalformedKubeconfigIsNamedWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\nusers:\n  - name: x\n    user: {token: "
                + "malformed-secret-token: [\n");

        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(kubeconfig).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("configure the fabric8 backend: kubeconfig=" + kubeconfig + ": not a valid kubeconfig (")
                .hasMessageContaining("fix the file")
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain("malformed-secret-token"));
        assertThat(cluster.drainRequests()).isEmpty();
    }

    @Test
    void aServerThatIsNotHttpOrHttps() {
        for (String server : new String[] {"ftp://127.0.0.1:" + cluster.server().getPort(), "file:///etc/kubernetes"}) {
            assertThatThrownBy(() -> Fabric8Backend.builder().connection(URI.create(server), PEM, () -> "t").build())
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageStartingWith("configure the fabric8 backend: connection apiServer (scheme '")
                    .hasMessageContaining("must be the API server's https URL");
        }
        assertThat(cluster.drainRequests()).isEmpty();
    }

    @Test
    void aBlankCaCertificate() {
        assertThatThrownBy(() -> Fabric8Backend.builder().connection(URI.create(cluster.url()), " \n", () -> "t").build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("configure the fabric8 backend: connection caCertificatePem: is blank; pass the "
                        + "cluster's CA certificate in PEM");
        assertThat(cluster.drainRequests()).isEmpty();
    }

    static String kubeconfig(String server) {
        return """
                apiVersion: v1
                kind: Config
                current-context: other
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                contexts:
                  - name: mock
                    context: {cluster: mock, user: tester}
                  - name: other
                    context: {cluster: mock, user: tester}
                users:
                  - name: tester
                    user: {token: kubeconfig-secret}
                """.formatted(server);
    }
}
