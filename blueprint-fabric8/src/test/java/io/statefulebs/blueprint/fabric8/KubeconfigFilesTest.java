package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulebs.blueprint.error.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several kubeconfig files, merged by kubectl's rules. */
class KubeconfigFilesTest {
    private static String kubeconfig(String name, String server, String currentContext, String caFile) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster: {server: "%2$s", certificate-authority: "%4$s"}
                users:
                - name: %1$s
                  user: {token: t-%1$s, client-key: "%4$s"}
                contexts:
                - name: %1$s
                  context: {cluster: %1$s, user: %1$s}
                - name: shared
                  context: {cluster: %1$s, user: %1$s}
                """.formatted(name, server, currentContext, caFile).replace(caFile.isEmpty() ? ", certificate-authority: \"\"" : "\0", "")
                .replace(caFile.isEmpty() ? ", client-key: \"\"" : "\0", "")
                + (currentContext.isEmpty() ? "" : "current-context: " + currentContext + "\n");
    }

    @Test
    void theFirstFileToNameAnEntryWinsItAndRelativePathsResolveAgainstTheirOwnFile(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("config"),
                kubeconfig("one", "https://one.example:6443", "", "ca.crt"));
        Path second = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("config"),
                kubeconfig("two", "https://two.example:6443", "two", "/etc/ca.crt"));

        Config merged = new KubernetesSerialization().unmarshal(KubeconfigFiles.merged(List.of(first, second)), Config.class);

        assertThat(merged.getCurrentContext()).isEqualTo("two");
        assertThat(merged.getContexts()).extracting(c -> c.getName() + "->" + c.getContext().getCluster())
                .containsExactly("one->one", "shared->one", "two->two");
        assertThat(merged.getClusters().get(0).getCluster().getCertificateAuthority())
                .isEqualTo(dir.resolve("a").resolve("ca.crt").toAbsolutePath().toString());
        assertThat(merged.getUsers().get(0).getUser().getClientKey()).isEqualTo(dir.resolve("a").resolve("ca.crt").toAbsolutePath().toString());
        assertThat(merged.getClusters().get(1).getCluster().getCertificateAuthority()).isEqualTo("/etc/ca.crt");
    }

    @Test
    void theBackendConnectsToTheMergedCurrentContextAndNeverQuotesABrokenFile(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("first"), kubeconfig("one", "https://one.example:6443", "", ""));
        Path second = Files.writeString(dir.resolve("second"), kubeconfig("two", "https://two.example:6443", "two", ""));
        Path broken = Files.writeString(dir.resolve("broken"), "users: [token: secret-token-value");

        try (Fabric8Backend backend = Fabric8Backend.builder().kubeconfigs(List.of(first, second)).build()) {
            assertThat(backend.toString()).contains("two.example");
        }
        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfigs(List.of(first, broken)).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("not a valid kubeconfig").hasMessageNotContaining("secret-token-value");
        Path missingCa = Files.writeString(dir.resolve("missing-ca"), kubeconfig("ca", "https://ca.example:6443", "ca",
                dir.resolve("no-such-ca.crt").toString()));
        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfig(missingCa).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("no file " + dir.resolve("no-such-ca.crt")).hasMessageContaining("certificate-authority");
        assertThatThrownBy(() -> Fabric8Backend.builder().kubeconfigs(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kubeconfigs: no file given");
    }
}
