package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.WebSocketMessage;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ExecResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An exec is one request, the WebSocket upgrade; only a pod with several containers costs a read and a second one.
 * The stream's other endings (a failure status, a close without status) are in {@link Fabric8BackendFaultTest}.
 */
class PodExecTest {
    private static final String NS = "blueprint";
    private static final String POD = "/api/v1/namespaces/" + NS + "/pods/stateful-a";
    private static final String COMMAND = "/exec?command=cat&command=%2Fdata%2Fout.txt";
    private static final String EXEC = POD + COMMAND + "&stdout=true&stderr=true";
    private static final List<String> CAT = List.of("cat", "/data/out.txt");
    /** A message the mock server waits for, which keeps its socket open: the exec sends none (no stdin). */
    private static final String NEVER_SENT = "stdin the exec never sends";

    // A fresh cluster and backend per test (JUnit makes an instance per test).
    private final MockCluster cluster = new MockCluster();
    private final KubernetesMockServer server = cluster.server();
    private final Fabric8Backend backend = Fabric8Backend.builder().client(cluster.newClient()).build();

    @AfterEach
    void stop() {
        backend.close();
        cluster.close();
    }

    private List<String> requests() {
        return cluster.drainRequests().stream().map(r -> r.getMethod() + " " + r.getPath()).toList();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private static WebSocketMessage onChannel(int channel, byte[] payload) {
        byte[] message = new byte[payload.length + 1];
        message[0] = (byte) channel;
        System.arraycopy(payload, 0, message, 1, payload.length);
        return new WebSocketMessage(0L, message, true, true);
    }

    private static WebSocketMessage statusMessage(String json) {
        return onChannel(3, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anExecIsTheUpgradeAloneWithoutReadingThePod() {
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("written\n"), new StatusStreamMessage(0)).done().once();

        ExecResult result = backend.exec(NS, "stateful-a", CAT);

        assertThat(result).isEqualTo(new ExecResult("written\n", "", 0));
        assertThat(requests()).containsExactly("GET " + EXEC);
    }

    @Test
    void aPodWithSeveralContainersIsReadOnceAndTheCommandRunsInItsFirst() {
        cluster.client().pods().inNamespace(NS).resource(twoContainers()).create();
        cluster.drainRequests();
        server.expect().get().withPath(EXEC).andReturn(400, status(400, "BadRequest",
                "a container name must be specified for pod stateful-a, choose one of: [writer sidecar]")).once();
        String inWriter = POD + COMMAND + "&container=writer&stdout=true&stderr=true";
        server.expect().get().withPath(inWriter).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("from the writer\n"), new StatusStreamMessage(0)).done().once();

        ExecResult result = backend.exec(NS, "stateful-a", CAT);

        assertThat(result).isEqualTo(new ExecResult("from the writer\n", "", 0));
        assertThat(requests()).containsExactly("GET " + EXEC, "GET " + POD, "GET " + inWriter);
    }

    @Test
    void aRefusedExecInAPodWithOneContainerIsReportedAsTheServerSaidIt() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        cluster.drainRequests();
        server.expect().get().withPath(EXEC).andReturn(400, status(400, "BadRequest",
                "pod stateful-a does not have a host assigned")).once();

        assertThatThrownBy(() -> backend.exec(NS, "stateful-a", CAT))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.INVALID))
                .hasMessage("exec cat /data/out.txt in Pod/" + NS + "/stateful-a: API server answered 400: "
                        + "pod stateful-a does not have a host assigned");
        assertThat(requests()).containsExactly("GET " + EXEC, "GET " + POD);
    }

    @Test
    void aNonZeroExitCodeComesFromTheKubeletsStatus() {
        String exited = "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command [cat /data/out.txt], exit code 1\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"1\"}]}}";
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket().open(onChannel(2,
                "cat: /data/out.txt: No such file or directory\n".getBytes(StandardCharsets.UTF_8)), statusMessage(exited))
                .done().once();

        ExecResult result = backend.exec(NS, "stateful-a", CAT);

        assertThat(result).isEqualTo(new ExecResult("", "cat: /data/out.txt: No such file or directory\n", 1));
    }

    @Test
    void outputIsDecodedAsUtf8AcrossMessages() {
        byte[] text = "zone é\n".getBytes(StandardCharsets.UTF_8);
        int split = text.length - 2; // between the two bytes of é
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket().open(onChannel(1, Arrays.copyOfRange(text, 0, split)),
                onChannel(1, Arrays.copyOfRange(text, split, text.length)), new StatusStreamMessage(0)).done().once();

        assertThat(backend.exec(NS, "stateful-a", CAT).stdout()).isEqualTo("zone é\n");
    }

    @Test
    void aMissingPodIsNotFoundFromTheUpgradeAlone() {
        assertThatThrownBy(() -> backend.exec(NS, "stateful-a", CAT))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("exec cat /data/out.txt in Pod/" + NS + "/stateful-a: pod " + NS + "/stateful-a does not exist");
        assertThat(requests()).containsExactly("GET " + EXEC);
    }

    @Test
    void aForbiddenExecNamesTheAccessToGrantAndWhatTheServerSaid() {
        String refusal = "pods \"stateful-a\" is forbidden: User \"system:serviceaccount:blueprint:reader\" cannot create "
                + "resource \"pods/exec\" in API group \"\" in the namespace \"blueprint\"";
        server.expect().get().withPath(EXEC).andReturn(403, status(403, "Forbidden", refusal)).once();

        assertThatThrownBy(() -> backend.exec(NS, "stateful-a", CAT))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.verb()).isEqualTo("create"))
                .hasMessageContaining("'create' on 'pods/exec' in namespace 'blueprint'")
                .hasMessageEndingWith("Server said: " + refusal);
    }

    @Test
    void aCommandThatOutlastsTheExecTimeoutIsGivenUp() {
        Fabric8Backend impatient = Fabric8Backend.builder().client(cluster.newClient()).execTimeout(Duration.ofMillis(200)).build();
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket().open(new OutputStreamMessage("started\n"))
                .expect(NEVER_SENT).andEmit(new StatusStreamMessage(0)).once().done().once();

        assertThatThrownBy(() -> impatient.exec(NS, "stateful-a", CAT))
                .isInstanceOf(BackendException.class)
                .hasMessage("exec cat /data/out.txt in Pod/" + NS + "/stateful-a: no exit status within PT0.2S (the exec timeout)");
        impatient.close();
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        server.expect().get().withPath(EXEC).andUpgradeToWebSocket().open()
                .expect(NEVER_SENT).andEmit(new StatusStreamMessage(0)).once().done().once();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                backend.exec(NS, "stateful-a", CAT);
                failure.complete(null);
            } catch (RuntimeException e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                failure.complete(e);
            }
        }, "exec-caller");
        caller.start();
        RecordedRequest request;
        do {
            request = server.takeRequest(1, TimeUnit.MINUTES);
        } while (request != null && !request.getPath().equals(EXEC));
        assertThat(request).as("the exec reached the server").isNotNull();

        caller.interrupt();

        assertThat(failure.get(1, TimeUnit.MINUTES)).isInstanceOf(BlueprintInterruptedException.class)
                .hasMessage("interrupted while waiting for exec cat /data/out.txt in Pod/" + NS + "/stateful-a");
        assertThat(stillInterrupted).isTrue();
    }

    private static Pod twoContainers() {
        return new PodBuilder().withNewMetadata().withNamespace(NS).withName("stateful-a").endMetadata()
                .withNewSpec().addNewContainer().withName("writer").withImage("writer").endContainer()
                .addNewContainer().withName("sidecar").withImage("sidecar").endContainer().endSpec().build();
    }
}
