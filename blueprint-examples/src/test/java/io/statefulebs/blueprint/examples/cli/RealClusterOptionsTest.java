package io.statefulebs.blueprint.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real-cluster options: wrong combinations are bad input; an unreachable cluster fails with the reason. */
class RealClusterOptionsTest {

    @Test
    void aKubeconfigThatDoesNotExistIsBadInput() {
        CliRun run = CliRun.of("--kubeconfig", "/no/such/kubeconfig");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--kubeconfig /no/such/kubeconfig").contains("no readable file");
        assertThat(run.out()).doesNotContain("Backend:");
    }

    @Test
    void eksAndKubeconfigOptionsExcludeEachOther() {
        CliRun run = CliRun.of("--eks-cluster", "blueprints", "--context", "kind");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--eks-cluster connects without a kubeconfig");
    }

    @Test
    void anEksClusterWithoutARegionIsBadInput() {
        CliRun run = CliRun.of("--eks-cluster", "blueprints");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--eks-cluster blueprints needs the cluster's region: add --region REGION");
    }

    @Test
    void aRegionWithoutAnEksClusterIsBadInput() {
        CliRun run = CliRun.of("--region", "eu-west-2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--region applies to --eks-cluster only");
    }

    @Test
    void anUnknownContextIsBadInputNamingTheContextsThereAre(@TempDir Path dir) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, kubeconfig(1));

        CliRun run = CliRun.of("--kubeconfig", kubeconfig.toString(), "--context", "prod");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("context=prod").contains("nowhere")
                .contains("; nothing was created\nSee '");
    }

    @Test
    void anUnreachableClusterFailsAtPreflightSayingSo(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, kubeconfig(closedPort));

        CliRun run = CliRun.of("--kubeconfig", kubeconfig.toString(), "--zone", "eu-west-2a");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("Backend: fabric8 (real cluster from kubeconfig " + kubeconfig + " (--kubeconfig))");
        assertThat(run.out() + run.err()).contains("FAILED").doesNotContain("not-a-real-token");
    }

    @Test
    void kubeconfigIsFoundAsKubectlFindsIt(@TempDir Path dir) throws IOException {
        Path fromVariable = Files.writeString(dir.resolve("kubeconfig"), kubeconfig(closedPort()));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path inHome = Files.writeString(Files.createDirectories(home.resolve(".kube")).resolve("config"), kubeconfig(closedPort()));

        CliRun variable = CliRun.in(Map.of("KUBECONFIG", fromVariable + File.pathSeparator + "/other", "HOME", home.toString()),
                "--zone", "eu-west-2a");
        CliRun homeOnly = CliRun.in(Map.of("HOME", home.toString()), "--zone", "eu-west-2a");

        assertThat(variable.exitCode()).isEqualTo(1);
        assertThat(variable.out()).startsWith("Backend: fabric8 (real cluster from kubeconfig " + fromVariable + " (KUBECONFIG))");
        assertThat(homeOnly.exitCode()).isEqualTo(1);
        assertThat(homeOnly.out()).startsWith("Backend: fabric8 (real cluster from kubeconfig " + inHome + " (~/.kube/config))");
    }

    @Test
    void theOptionsWinOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path given = Files.writeString(dir.resolve("kubeconfig"), kubeconfig(closedPort()));
        Map<String, String> environment = Map.of("KUBECONFIG", "/no/such/kubeconfig");

        CliRun option = CliRun.in(environment, "--kubeconfig", given.toString(), "--zone", "eu-west-2a");
        CliRun simulated = CliRun.in(environment, "--simulated", "--quiet");

        assertThat(option.out()).startsWith("Backend: fabric8 (real cluster from kubeconfig " + given + " (--kubeconfig))");
        assertThat(simulated.exitCode()).isZero();
    }

    @Test
    void aKubeconfigVariableNamingNoFileIsBadInput() {
        CliRun run = CliRun.in(Map.of("KUBECONFIG", "/no/such/kubeconfig"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("KUBECONFIG=/no/such/kubeconfig: none of its files exists").contains("--simulated");
    }

    @Test
    void kubeconfigFilesListedInTheVariableAreMergedAsKubectlMergesThem(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("first"), kubeconfig(closedPort()));
        Path second = Files.writeString(dir.resolve("second"), kubeconfig(closedPort()).replace("nowhere", "elsewhere"));
        String variable = first + File.pathSeparator + dir.resolve("missing") + File.pathSeparator + second;

        // The context "elsewhere" exists only in the second file; a missing file in the list is skipped, as kubectl does.
        CliRun run = CliRun.in(Map.of("KUBECONFIG", variable), "--context", "elsewhere", "--zone", "eu-west-2a");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("Backend: fabric8 (real cluster from kubeconfig " + first + File.pathSeparator + second
                + " (KUBECONFIG), context elsewhere)");
    }

    @Test
    void withNoClusterConfiguredTheSimulatorRunsAndSaysSo() {
        CliRun run = CliRun.in(Map.of("HOME", "/no/such/home"), "--quiet");

        assertThat(run.exitCode()).isZero();
        assertThat(CliRun.in(Map.of("HOME", "/no/such/home")).out()).startsWith("Backend: simulated (");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A kubeconfig with one context, "nowhere", pointing at 127.0.0.1:{@code port} with a token. */
    private static String kubeconfig(int port) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: nowhere
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: nowhere
                  context:
                    cluster: nowhere
                    user: someone
                current-context: nowhere
                users:
                - name: someone
                  user:
                    token: not-a-real-token
                """.formatted(port);
    }
}
