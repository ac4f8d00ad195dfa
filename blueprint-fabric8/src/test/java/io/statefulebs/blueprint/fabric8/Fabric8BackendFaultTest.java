package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.Waiter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.server.mock.ErrorStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request shapes and faults, with mock-server expectations in front of its CRUD storage. */
class Fabric8BackendFaultTest {
    private static final String NS = "blueprint";
    private static final String SC_PATH = "/apis/storage.k8s.io/v1/storageclasses/storage-gp3";
    private static final String APPLY = SC_PATH + "?fieldManager=stateful-ebs-blueprint";
    private static final String PODS = "/api/v1/namespaces/" + NS + "/pods";
    /** The informer's pods: those the library manages. */
    private static final String MANAGED_PODS = PODS + "?" + ClusterObjects.MANAGED_QUERY;
    private static final Map<String, String> APP_AND_MANAGED = Map.of("app", "stateful",
            io.statefulebs.blueprint.render.OwnershipLabels.MANAGED_BY, io.statefulebs.blueprint.render.OwnershipLabels.MANAGER);
    private static final String LIST = MANAGED_PODS + "&resourceVersion=0";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private MockCluster cluster;
    private KubernetesMockServer server;
    private Fabric8Backend backend;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        server = cluster.server();
        backend = Fabric8Backend.builder().client(cluster.newClient()).build();
    }

    @AfterEach
    void stop() {
        backend.close();
        cluster.close();
    }

    private static Manifest storageClass() {
        return StatefulEbsBlueprint.builder().namespace(NS).zone("eu-west-2a").runId("r1").build().render()
                .find("StorageClass").orElseThrow();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private static String watchFrom(String resourceVersion) {
        return PODS + "?allowWatchBookmarks=true&" + ClusterObjects.MANAGED_QUERY + "&resourceVersion=" + resourceVersion
                + "&timeoutSeconds=600&watch=true";
    }

    @Test
    void appliesWithServerSideApplyUnderOneFieldManager() {
        server.expect().patch().withPath(APPLY).andReturn(200, storageClass().body().toString()).once();

        backend.apply(storageClass());

        RecordedRequest request = cluster.drainRequests().get(0);
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getPath()).isEqualTo(APPLY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        assertThat(request.getUtf8Body()).contains("provisioner").contains("ebs.csi.aws.com").contains("storage-gp3");
    }

    @Test
    void forcesConflictsOnlyWhenAsked() {
        Fabric8Backend forcing = Fabric8Backend.builder().client(cluster.newClient()).forceConflicts(true).build();
        server.expect().patch().withPath(APPLY + "&force=true").andReturn(200, storageClass().body().toString()).once();

        forcing.apply(storageClass());

        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath).containsExactly(APPLY + "&force=true");
        forcing.close();
    }

    @Test
    void reportsAConflictAndHowToForceIt() {
        server.expect().patch().withPath(APPLY).andReturn(409, status(409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl\": .parameters.type")).once();

        assertThatThrownBy(() -> backend.apply(storageClass()))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("apply StorageClass/storage-gp3: conflict: Apply failed with 1 conflict")
                .hasMessageContaining("forceConflicts(true)");
    }

    @Test
    void fallsBackToCreateOrUpdateWhereApplyIsUnsupported() {
        server.expect().patch().withPath(APPLY).andReturn(415, status(415, "UnsupportedMediaType", "no apply")).once();

        backend.apply(storageClass());
        backend.apply(storageClass());

        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getMethod)
                .startsWith("PATCH", "POST").filteredOn("PATCH"::equals).hasSize(1);
        assertThat(cluster.client().storage().v1().storageClasses().withName("storage-gp3").get()).isNotNull();
    }

    @Test
    void serverErrorsAndThrottlingNameTheOperation() {
        server.expect().patch().withPath(APPLY).andReturn(500, status(500, "InternalError", "etcd timeout")).always();
        server.expect().delete().withPath(SC_PATH).andReturn(429, status(429, "TooManyRequests", "slow down")).always();

        assertThatThrownBy(() -> backend.apply(storageClass())).isInstanceOf(BackendException.class)
                .hasMessage("apply StorageClass/storage-gp3: API server answered 500 (gave up after 5 attempts): etcd timeout")
                .extracting(e -> ((BackendException) e).operation()).isEqualTo("apply StorageClass/storage-gp3");
        assertThatThrownBy(() -> backend.delete(ResourceRef.storageClass("storage-gp3")))
                .isInstanceOf(BackendException.class).hasMessageContaining("delete StorageClass/storage-gp3: throttled");
    }

    @Test
    void forbiddenNamesTheVerbAndResourceTheRbacLacks() {
        server.expect().delete().withPath("/api/v1/namespaces/" + NS + "/persistentvolumeclaims/ebs-claim")
                .andReturn(403, status(403, "Forbidden", "persistentvolumeclaims \"ebs-claim\" is forbidden")).always();
        server.expect().get().withPath(LIST)
                .andReturn(403, status(403, "Forbidden", "pods is forbidden: cannot list")).always();

        assertThatThrownBy(() -> backend.delete(ResourceRef.claim(NS, "ebs-claim")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("forbidden")
                .hasMessageContaining("'delete' on 'persistentvolumeclaims' in namespace 'blueprint'")
                .hasMessageContaining("rbac.yaml");
        assertThatThrownBy(() -> Waiter.await(backend, Wait.until("pods", WAIT, view -> Verdict.satisfied(view.pods(NS, ClusterObjects.MANAGED_BY_LIBRARY)))))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("'list,watch' on 'pods' in namespace 'blueprint'");
    }

    @Test
    void execCapturesStdoutStderrAndTheExitCode() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        server.expect().get().withPath(PODS + "/stateful-a/exec?command=cat&command=%2Fdata%2Fout.txt&stdout=true&stderr=true")
                .andUpgradeToWebSocket()
                .open(new OutputStreamMessage("Writing content every three minutes!\n"),
                        new ErrorStreamMessage("cat: warning\n"), new StatusStreamMessage(3))
                .done().once();

        ExecResult result = backend.exec(NS, "stateful-a", List.of("cat", "/data/out.txt"));

        assertThat(result).isEqualTo(new ExecResult("Writing content every three minutes!\n", "cat: warning\n", 3));
    }

    @Test
    void anExecStreamThatClosesWithoutAStatusIsAnErrorNamingTheClose() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        server.expect().get().withPath(PODS + "/stateful-a/exec?command=cat&command=%2Fdata%2Fout.txt&stdout=true&stderr=true")
                .andUpgradeToWebSocket().open(new OutputStreamMessage("Writing content")).done().once();

        assertThatThrownBy(() -> backend.exec(NS, "stateful-a", List.of("cat", "/data/out.txt")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("exec cat /data/out.txt in Pod/" + NS + "/stateful-a")
                .hasMessageContaining("the exec stream closed without an exit status")
                .hasMessageMatching("(?s).*\\(close code \\d+.*\\)");
    }

    @Test
    void aFailureStatusFromTheKubeletIsAnErrorCarryingItsMessage() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        String failure = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"error executing command in container: container not running\"}";
        byte[] body = (" " + failure).getBytes(StandardCharsets.UTF_8);
        body[0] = 3; // the status channel
        server.expect().get().withPath(PODS + "/stateful-a/exec?command=cat&command=%2Fdata%2Fout.txt&stdout=true&stderr=true")
                .andUpgradeToWebSocket().open(new WebSocketMessage(0L, body, true, true)).done().once();

        assertThatThrownBy(() -> backend.exec(NS, "stateful-a", List.of("cat", "/data/out.txt")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("the kubelet answered with a failure status instead of an exit code: "
                        + "error executing command in container: container not running");
    }

    @Test
    void aDroppedWatchIsReListedAndTheWaitStillEnds() {
        server.expect().get().withPath(LIST).andReturn(200, podList("1", false)).once();
        server.expect().get().withPath(watchFrom("1")).andUpgradeToWebSocket().open().done().once();
        server.expect().get().withPath(MANAGED_PODS).andReturn(200, podList("2", true)).once();

        List<PodView> pods = Waiter.await(backend, runningPod());

        assertThat(pods).extracting(PodView::node).containsExactly("n1");
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath)
                .filteredOn(p -> p.startsWith(PODS)).startsWith(LIST, watchFrom("1"), MANAGED_PODS);
    }

    @Test
    void a410GoneMakesTheInformerListAgain() {
        server.expect().get().withPath(LIST).andReturn(200, podList("1", false)).once();
        server.expect().get().withPath(watchFrom("1")).andUpgradeToWebSocket().open()
                .waitFor(10).andEmit(new WatchEvent(status(410, "Expired", "too old resource version: 1"), "ERROR"))
                .done().once();
        server.expect().get().withPath(MANAGED_PODS).andReturn(200, podList("5", true)).once();

        List<PodView> pods = Waiter.await(backend, runningPod());

        assertThat(pods).extracting(PodView::node).containsExactly("n1");
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath)
                .filteredOn(p -> p.startsWith(PODS)).startsWith(LIST, watchFrom("1"), MANAGED_PODS);
    }

    private static io.fabric8.kubernetes.api.model.PodList podList(String resourceVersion, boolean running) {
        return new PodListBuilder().withNewMetadata().withResourceVersion(resourceVersion).endMetadata()
                .addToItems(pod(resourceVersion, running)).build();
    }

    private static Wait<List<PodView>> runningPod() {
        return Wait.until("stateful-a Running", WAIT, view -> {
            List<PodView> pods = view.pods(NS, APP_AND_MANAGED);
            return !pods.isEmpty() && pods.stream().allMatch(PodView::running)
                    ? Verdict.satisfied(pods) : Verdict.pending(pods.size() + " pods, not all running");
        });
    }

    private static Pod pod(String resourceVersion, boolean running) {
        Pod pod = ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim");
        Pod versioned = new PodBuilder(running ? ClusterObjects.running(pod, "n1") : pod)
                .editMetadata().withResourceVersion(resourceVersion).withUid("uid-a").endMetadata().build();
        return versioned;
    }
}
