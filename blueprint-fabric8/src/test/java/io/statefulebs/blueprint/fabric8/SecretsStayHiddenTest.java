package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.testkit.PreflightRequests;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens (from a supplier and from a kubeconfig) and AWS credentials in the environment never show up in log
 * output, exception messages or the toString of anything the library hands out, failures included.
 */
class SecretsStayHiddenTest {
    private static final String NS = "blueprint";
    private static final String SUPPLIED_TOKEN = "supplied-bearer-7f3a9c";
    private static final String KUBECONFIG_TOKEN = "kubeconfig-bearer-41d2e8";
    private static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final List<String> SECRETS = List.of(SUPPLIED_TOKEN, KUBECONFIG_TOKEN, AWS_KEY_ID, AWS_SECRET);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> seen = new ArrayList<>();
    private PrintStream originalErr;
    private MockCluster cluster;

    @BeforeEach
    void start() {
        System.setProperty("aws.accessKeyId", AWS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AWS_SECRET);
        originalErr = System.err;
        // slf4j-simple looks System.err up on every write, so the library's log lines land here.
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
        System.setErr(originalErr);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void noTokenOrAwsSecretAppearsAnywhere(@TempDir Path dir) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
        try (Fabric8Backend supplied = Fabric8Backend.builder()
                .connection(URI.create(cluster.url()), Files.readString(Path.of(certificate.certificatePath())), () -> SUPPLIED_TOKEN)
                .retry(2, Duration.ofMillis(10), Duration.ofMillis(20)).build();
             Fabric8Backend fromKubeconfig = Fabric8Backend.builder()
                     .kubeconfig(Files.writeString(dir.resolve("config"),
                             BadConnectionInputTest.kubeconfig(cluster.url()).replace("kubeconfig-secret", KUBECONFIG_TOKEN)))
                     .retry(2, Duration.ofMillis(10), Duration.ofMillis(20)).build()) {
            for (Fabric8Backend backend : List.of(supplied, fromKubeconfig)) {
                lifecycleWithFailures(backend);
            }
            assertThat(cluster.drainRequests()).extracting(r -> r.getHeader("Authorization"))
                    .contains("Bearer " + SUPPLIED_TOKEN, "Bearer " + KUBECONFIG_TOKEN);
        } finally {
            certificate.delete();
        }
        seen.add(new Fabric8BackendProvider().toString());
        System.err.flush();
        seen.add(log.toString(StandardCharsets.UTF_8));

        String everything = String.join("\n", seen);
        assertThat(everything).as("the failure paths ran and the log was captured")
                .contains("forbidden: the identity's RBAC lacks", "API server answered 500 (gave up after 2 attempts)",
                        "unauthorized", "no-such-pod", "applying with create-or-update instead");
        for (String secret : SECRETS) {
            assertThat(seen).as("nothing shows %s", secret).noneMatch(text -> text.contains(secret));
        }
    }

    private void lifecycleWithFailures(Fabric8Backend backend) {
        seen.add(backend.toString());
        cluster.server().expect().delete().withPath("/apis/storage.k8s.io/v1/storageclasses/forbidden")
                .andReturn(403, status(403, "Forbidden", "storageclasses \"forbidden\" is forbidden")).once();
        cluster.server().expect().get().withPath("/api/v1/nodes")
                .andReturn(500, status(500, "InternalError", "etcd leader changed")).times(2);
        cluster.server().expect().get().withPath("/api/v1/namespaces/secret/pods")
                .andReturn(401, status(401, "Unauthorized", "Unauthorized")).always();

        BlueprintRun run = StatefulEbsBlueprint.builder().namespace(NS).zone("eu-west-2a").runId("secrets")
                .preflight(false).backend(backend).deploy();
        seen.add(run.toString());
        backend.apply(run.blueprint().render().items().get(0)); // an update: the mock server's apply fallback logs a warning
        run.claims().forEach(c -> seen.add(c.toString()));
        run.pods().forEach(p -> seen.add(p.toString()));
        seen.add(backend.preflight(PreflightRequests.of(run.blueprint())).toString());
        seen.add(backend.nodePools().toString());
        record(() -> run.awaitReady(Duration.ofMillis(300)));
        record(() -> backend.delete(ResourceRef.storageClass("forbidden")));
        record(backend::nodes);
        record(() -> backend.pods("secret", Map.of()));
        record(() -> backend.exec(NS, "no-such-pod", List.of("cat", "/data/out.txt")));
        record(() -> Waiter.await(backend, Wait.until("nothing", Duration.ofMillis(100), view -> Verdict.pending("pods: "
                + view.pods(NS, Map.of()).size()))));
        record(run::close);
        seen.add(run.toString());
    }

    /** Runs an action expected to fail and keeps every message and toString along its cause chain. */
    private void record(Runnable action) {
        try {
            action.run();
            seen.add("(no failure)");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.add(t.toString());
                seen.add(String.valueOf(t.getMessage()));
                for (Throwable suppressed : t.getSuppressed()) {
                    seen.add(suppressed.toString());
                }
            }
        }
    }

    private static io.fabric8.kubernetes.api.model.Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }
}
