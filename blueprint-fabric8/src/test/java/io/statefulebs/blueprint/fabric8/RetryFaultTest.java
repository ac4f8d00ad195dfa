package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.Waiter;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each lifecycle call meets 500, 503 and 429 (Retry-After: 1) before the server answers, and still succeeds; a
 * failure that persists ends in one BackendException naming the operation, within the call's deadline.
 */
class RetryFaultTest {
    private static final String NS = "blueprint";
    private static final String MANAGER = "?fieldManager=stateful-ebs-blueprint";
    private static final String SC = "/apis/storage.k8s.io/v1/storageclasses/storage-gp3";
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/" + NS + "/deployments/stateful";
    private static final String PODS = "/api/v1/namespaces/" + NS + "/pods";
    private static final String EXEC = PODS + "/stateful-a/exec?command=cat&command=%2Fdata%2Fout.txt"
            + "&stdout=true&stderr=true";
    /** The three faults, in order: each call below sees all three, so it takes four requests. */
    private static final int REQUESTS_PER_CALL = 4;

    private MockCluster cluster;
    private KubernetesMockServer server;
    private KubernetesClient backendClient;
    private Fabric8Backend backend;
    private final Manifests manifests = StatefulEbsBlueprint.builder().namespace(NS).zone("eu-west-2a").runId("r1")
            .build().render();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        server = cluster.server();
        // The informers' own reconnect backoff, short so the watch case stays quick.
        backendClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url())
                .withNamespace("default").withWatchReconnectInterval(20).build()).build();
        backend = Fabric8Backend.builder().client(backendClient).retry(REQUESTS_PER_CALL, Duration.ofMillis(10),
                Duration.ofMillis(40)).build();
    }

    @AfterEach
    void stop() {
        backend.close();
        backendClient.close();
        cluster.close();
    }

    @Test
    void applyRetriesServerErrorsAndThrottling() {
        injectFaults(path -> server.expect().patch().withPath(path), SC + MANAGER);
        server.expect().patch().withPath(SC + MANAGER).andReturn(200, storageClass().body().toString()).once();

        backend.apply(storageClass());

        assertThat(requests("PATCH", SC + MANAGER)).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void deleteRetriesServerErrorsAndThrottling() {
        cluster.client().storage().v1().storageClasses().resource(
                cluster.client().getKubernetesSerialization().unmarshal(storageClass().body().toString(),
                        io.fabric8.kubernetes.api.model.storage.StorageClass.class)).create();
        injectFaults(path -> server.expect().delete().withPath(path), SC);

        assertThat(backend.delete(ResourceRef.storageClass("storage-gp3"))).isTrue();
        assertThat(requests("DELETE", SC)).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void scaleRetriesServerErrorsAndThrottling() {
        Manifest deployment = manifests.find("Deployment").orElseThrow();
        backend.apply(deployment);
        injectFaults(path -> server.expect().patch().withPath(path), DEPLOYMENT + MANAGER);
        cluster.drainRequests();

        backend.scale(deployment.ref(), 0);

        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("stateful").get().getSpec().getReplicas())
                .isZero();
        assertThat(requests("PATCH", DEPLOYMENT + MANAGER)).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void listRetriesServerErrorsAndThrottling() {
        cluster.client().nodes().resource(ClusterObjects.karpenterNode("n1", "eu-west-2a")).create();
        injectFaults(path -> server.expect().get().withPath(path), "/api/v1/nodes");

        assertThat(backend.nodes()).hasSize(1);
        assertThat(requests("GET", "/api/v1/nodes")).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void execRetriesAFailedUpgrade() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        injectFaults(path -> server.expect().get().withPath(path), EXEC);
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("line\n"), new StatusStreamMessage(0)).done().once();

        ExecResult result = backend.exec(NS, "stateful-a", List.of("cat", "/data/out.txt"));

        assertThat(result).isEqualTo(new ExecResult("line\n", "", 0));
        assertThat(requests("GET", EXEC)).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void aWaitsInformerListsAgainAfterServerErrorsAndThrottling() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.running(
                ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim"), "n1")).create();
        String list = PODS + "?" + ClusterObjects.MANAGED_QUERY + "&resourceVersion=0";
        injectFaults(path -> server.expect().get().withPath(path), list);

        List<PodView> pods = Waiter.await(backend, Wait.until("a running pod", Duration.ofMinutes(1), view -> {
            List<PodView> all = view.pods(NS, ClusterObjects.MANAGED_BY_LIBRARY);
            return all.stream().anyMatch(PodView::running) ? Verdict.satisfied(all) : Verdict.pending(all.size() + " pods");
        }));

        assertThat(pods).extracting(PodView::name).containsExactly("stateful-a");
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath).filteredOn(p -> p.startsWith(PODS + "?"))
                .filteredOn(p -> !p.contains("watch=true")).hasSize(REQUESTS_PER_CALL);
    }

    @Test
    void anApplyConflictThatIsNoFieldOwnershipIsAppliedAgainOnce() {
        server.expect().patch().withPath(SC + MANAGER).andReturn(409, status(409, "Conflict", "Operation cannot be fulfilled "
                + "on storageclasses.storage.k8s.io \"storage-gp3\": the object has been modified")).once();
        server.expect().patch().withPath(SC + MANAGER).andReturn(200, storageClass().body().toString()).once();

        backend.apply(storageClass());

        assertThat(requests("PATCH", SC + MANAGER)).isEqualTo(2);
    }

    @Test
    void aFieldManagerConflictIsReportedAfterOneRequest() {
        server.expect().patch().withPath(SC + MANAGER).andReturn(409, new StatusBuilder(status(409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl\": .parameters.type")).withNewDetails()
                .addNewCause().withReason("FieldManagerConflict").withField(".parameters.type").endCause().endDetails()
                .build()).always();

        assertThatThrownBy(() -> backend.apply(storageClass())).isInstanceOf(BackendException.class)
                .hasMessageContaining("forceConflicts(true)");
        assertThat(requests("PATCH", SC + MANAGER)).isEqualTo(1);
    }

    @Test
    void persistentServerErrorsEndInOneErrorNamingTheOperation() {
        server.expect().patch().withPath(SC + MANAGER).andReturn(503, status(503, "ServiceUnavailable", "apiserver is "
                + "shutting down")).always();

        assertThatThrownBy(() -> backend.apply(storageClass())).isInstanceOf(BackendException.class)
                .hasMessage("apply StorageClass/storage-gp3: API server answered 503 (gave up after 4 attempts): apiserver is "
                        + "shutting down")
                .satisfies(e -> assertThat(((BackendException) e).operation()).isEqualTo("apply StorageClass/storage-gp3"));
        assertThat(requests("PATCH", SC + MANAGER)).isEqualTo(REQUESTS_PER_CALL);
    }

    @Test
    void aRetryAfterPastTheDeadlineEndsTheCallAtOnce() {
        Fabric8Backend hurried = Fabric8Backend.builder().client(backendClient).callTimeout(Duration.ofMillis(300)).build();
        server.expect().delete().withPath(SC).andReturn(429, throttled()).withHeader("Retry-After", "1").always();

        assertThatThrownBy(() -> hurried.delete(ResourceRef.storageClass("storage-gp3"))).isInstanceOf(BackendException.class)
                .hasMessageStartingWith("delete StorageClass/storage-gp3: throttled by the API server (429 Too Many Requests) "
                        + "(gave up after 1 attempt, as the next would pass the call's deadline)");
        assertThat(requests("DELETE", SC)).isEqualTo(1);
        hurried.close();
    }

    @Test
    void aStepsDeadlineEndsRetriesTheCallsOwnTimeoutWouldAllow() {
        server.expect().delete().withPath(SC).andReturn(429, throttled()).withHeader("Retry-After", "1").always();
        Fabric8Backend step = backend.within(Instant.now().plusMillis(300));

        assertThatThrownBy(() -> step.delete(ResourceRef.storageClass("storage-gp3"))).isInstanceOf(BackendException.class)
                .hasMessageContaining("(gave up after 1 attempt, as the next would pass the call's deadline)");
        assertThat(requests("DELETE", SC)).isEqualTo(1);
    }

    @Test
    void anInterruptDuringTheBackoffEndsTheCall() throws Exception {
        Fabric8Backend patient = Fabric8Backend.builder().client(backendClient).retry(5, Duration.ofMinutes(1),
                Duration.ofMinutes(1)).build();
        server.expect().get().withPath("/api/v1/nodes").andReturn(500, status(500, "InternalError", "etcd")).always();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                patient.nodes();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        assertThat(server.takeRequest(1, TimeUnit.MINUTES)).isNotNull();
        caller.interrupt();

        assertThat(outcome.get(1, TimeUnit.MINUTES)).isInstanceOf(BlueprintInterruptedException.class)
                .hasMessageContaining("list nodes");
        assertThat(cluster.drainRequests()).isEmpty();
        patient.close();
    }

    private Manifest storageClass() {
        return manifests.find("StorageClass").orElseThrow();
    }

    /** 500, 503 and 429 with Retry-After: 1 (in the header and in the Status, as kube-apiserver sends it), once each. */
    private static void injectFaults(Function<String, io.fabric8.mockwebserver.dsl.ReturnOrWebsocketable<
            TimesOnceableOrHttpHeaderable<Void>>> expect, String path) {
        expect.apply(path).andReturn(500, status(500, "InternalError", "etcd leader changed")).once();
        expect.apply(path).andReturn(503, status(503, "ServiceUnavailable", "try again")).once();
        expect.apply(path).andReturn(429, throttled()).withHeader("Retry-After", "1").once();
    }

    private static Status throttled() {
        return new StatusBuilder(status(429, "TooManyRequests", "too many requests, please try again later"))
                .withNewDetails().withRetryAfterSeconds(1).endDetails().build();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private long requests(String method, String path) {
        return cluster.drainRequests().stream().filter(r -> r.getMethod().equals(method) && r.getPath().equals(path)).count();
    }
}
