package io.statefulebs.blueprint.fabric8;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.view.Finding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An endpoint that speaks HTTP but is not a Kubernetes API server (a web server, another service). */
class NotAnApiServerTest {
    private static final String PAGE = "<html><body>internal wiki: password=hunter2</body></html>";
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "answering {0} {1}")
    @CsvSource(delimiter = '|', value = {"404|text/html|" + PAGE, "200|text/html|" + PAGE,
            "200|application/json|\"password=hunter2\"", "200|application/json|[\"password=hunter2\"]"})
    void isReportedAsSuchBeforeAnyKarpenterOrCsiCheckAndNothingIsWritten(int status, String type, String body) throws IOException {
        serveEverythingWith(status, type, body);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).build()).build()) {
            Fabric8Backend backend = Fabric8Backend.builder().client(client).build();

            PreflightFailedException refused = catchThrowableOfType(
                    () -> StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(backend).deploy(),
                    PreflightFailedException.class);

            assertThat(refused.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.check()).isEqualTo("api-server");
                assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
                assertThat(finding.cause()).contains("is not a Kubernetes API server");
                assertThat(finding.fix()).contains("at the cluster's API server");
            });
            assertThat(refused).hasMessageNotContaining("hunter2");
            assertThat(requests).containsOnly("GET /version");
        }
    }

    private void serveEverythingWith(int status, String type, String page) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
