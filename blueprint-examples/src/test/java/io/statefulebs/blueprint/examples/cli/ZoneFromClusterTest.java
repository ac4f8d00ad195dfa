package io.statefulebs.blueprint.examples.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --kubeconfig} without {@code --zone}: the zone comes from the cluster's Karpenter NodePools, read before
 * anything is written; a cluster that restricts no zone is bad input naming {@code --zone}. The "cluster" is a loopback
 * server that answers the NodePool list (and 404 for everything else), and records what it was asked.
 */
class ZoneFromClusterTest {
    private static final String ZONAL_POOL = """
            {"apiVersion":"karpenter.sh/v1","kind":"NodePoolList","metadata":{},"items":[{"apiVersion":"karpenter.sh/v1",
             "kind":"NodePool","metadata":{"name":"zonal"},"spec":{"template":{"metadata":{"labels":{"intent":"apps"}},
             "spec":{"requirements":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["eu-west-2c","eu-west-2b"]}]}}},
             "status":{"conditions":[{"type":"Ready","status":"True"}]}}]}""";
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;

    private Path clusterAnswering(String nodePools, Path dir) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            boolean pools = exchange.getRequestURI().getPath().equals("/apis/karpenter.sh/v1/nodepools") && nodePools != null;
            byte[] body = (pools ? nodePools : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404,"
                    + "\"reason\":\"NotFound\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(pools ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: local
                  context: {cluster: local, user: me}
                current-context: local
                users:
                - name: me
                  user: {token: not-a-real-token}
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theFirstZoneTheNodePoolsAllowIsChosenAndNamedWithItsSource(@TempDir Path dir) throws IOException {
        Path kubeconfig = clusterAnswering(ZONAL_POOL, dir);

        CliRun run = CliRun.of("--kubeconfig", kubeconfig.toString());

        assertThat(run.out()).contains("zones offered: eu-west-2b, eu-west-2c (from the cluster's Karpenter NodePools)")
                .contains("zone: eu-west-2b (the first available zone)");
        // The loopback server is no API server: the walkthrough stops at its preflight, having written nothing.
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(requests).allMatch(r -> r.startsWith("GET "));
    }

    @Test
    void aClusterWithoutNodePoolsIsBadInputNamingTheZoneOption(@TempDir Path dir) throws IOException {
        Path kubeconfig = clusterAnswering(null, dir);

        CliRun run = CliRun.of("--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: --zone is needed: cannot take a zone from the cluster: the cluster has no"
                + " Karpenter NodePool to take zones from; name one, e.g. --zone eu-west-2a\nSee '");
        assertThat(requests).containsExactly("GET /apis/karpenter.sh/v1/nodepools");
    }
}
