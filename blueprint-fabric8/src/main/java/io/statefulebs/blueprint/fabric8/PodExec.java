package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketUpgradeResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ExecResult;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command in a pod over the exec subresource, capturing stdout, stderr and exit code, with one request: the
 * WebSocket upgrade, sent on the client's own HTTP client (fabric8's {@code PodResource.exec} first lists the pod
 * until it is ready and reads it for a container name). Without a container parameter the API server runs the pod's
 * only container; a pod with several is refused with 400, and only then is the pod read and the command sent again
 * for its first container.
 */
final class PodExec {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final Duration timeout;

    PodExec(KubernetesClient client, ApiCalls calls, Duration timeout) {
        this.client = client;
        this.calls = calls;
        this.timeout = timeout;
    }

    ExecResult exec(String namespace, String podName, List<String> command) {
        String operation = "exec " + String.join(" ", command) + " in Pod/" + namespace + "/" + podName;
        Session session = open(operation, namespace, podName, command);
        Duration allowed = calls.capped(timeout); // what the upgrade's retries left of a step's deadline
        try {
            ExecStream.Ending end = session.stream().ending().get(allowed.toNanos(), TimeUnit.NANOSECONDS);
            if (end.exitCode() == null) {
                throw new BackendException(operation, end.failure());
            }
            return new ExecResult(session.stream().stdout(), session.stream().stderr(), end.exitCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlueprintInterruptedException(operation, e);
        } catch (ExecutionException e) {
            throw ApiErrors.translate(operation, access(namespace), e.getCause());
        } catch (TimeoutException e) {
            throw new BackendException(operation, "no exit status within " + allowed
                    + (allowed.equals(timeout) ? " (the exec timeout)" : " (what was left of the step's timeout)"), e);
        } finally {
            session.close();
        }
    }

    private static RequiredAccess access(String namespace) {
        return RequiredAccess.of("create", "pods/exec", "", namespace);
    }

    private Session open(String operation, String namespace, String pod, List<String> command) {
        try {
            return upgrade(operation, uri(namespace, pod, command, null));
        } catch (RuntimeException refused) {
            String container = ApiErrors.hasCode(refused, HttpURLConnection.HTTP_BAD_REQUEST)
                    ? firstOfSeveralContainers(operation, namespace, pod) : null;
            if (container == null) {
                throw failure(operation, namespace, pod, refused);
            }
            try {
                return upgrade(operation, uri(namespace, pod, command, container));
            } catch (RuntimeException e) {
                throw failure(operation, namespace, pod, e);
            }
        }
    }

    /** The first container of a pod that has several (the SPI's choice), or null when it has one. */
    private String firstOfSeveralContainers(String operation, String namespace, String pod) {
        Pod read = calls.run(operation, RequiredAccess.of("get", "pods", "", namespace),
                () -> client.pods().inNamespace(namespace).withName(pod).get());
        if (read == null) {
            throw new NotFoundException(operation, missing(namespace, pod));
        }
        List<Container> containers = read.getSpec().getContainers();
        return containers.size() > 1 ? containers.get(0).getName() : null;
    }

    private static RuntimeException failure(String operation, String namespace, String pod, RuntimeException failure) {
        if (ApiErrors.hasCode(failure, HttpURLConnection.HTTP_NOT_FOUND)) {
            return new NotFoundException(operation, missing(namespace, pod), failure);
        }
        return ApiErrors.translate(operation, access(namespace), failure);
    }

    private static String missing(String namespace, String pod) {
        return "pod " + namespace + "/" + pod + " does not exist";
    }

    /** The exec subresource with the command; stdout and stderr, no stdin, no terminal. */
    private URI uri(String namespace, String pod, List<String> command, String container) {
        URLUtils.URLBuilder url = new URLUtils.URLBuilder(URLUtils.join(client.getMasterUrl().toString(),
                "api", "v1", "namespaces", namespace, "pods", pod, "exec"));
        command.forEach(argument -> url.addQueryParameter("command", argument));
        if (container != null) {
            url.addQueryParameter("container", container);
        }
        return URI.create(url.addQueryParameter("stdout", "true").addQueryParameter("stderr", "true").toString());
    }

    /** A 429 or 5xx answers the upgrade request, before the command started, so sending it again is safe. */
    private Session upgrade(String operation, URI uri) {
        return calls.retrying(operation, () -> connect(operation, uri));
    }

    /** One upgrade, waited for on the caller's thread as long as the client's request timeout (or the deadline). */
    private Session connect(String operation, URI uri) {
        int requestTimeout = client.getConfiguration().getRequestTimeout();
        Duration within = calls.capped(requestTimeout > 0 ? Duration.ofMillis(requestTimeout) : timeout);
        ExecStream stream = new ExecStream(client.getKubernetesSerialization());
        CompletableFuture<WebSocket> upgrade = client.getHttpClient().newWebSocketBuilder()
                .subprotocol(ExecStream.PROTOCOL).uri(uri)
                .connectTimeout(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS).buildAsync(stream);
        try {
            return new Session(upgrade.get(within.toNanos(), TimeUnit.NANOSECONDS), stream);
        } catch (InterruptedException e) {
            upgrade.thenAccept(Session::abandon);
            Thread.currentThread().interrupt();
            throw new BlueprintInterruptedException(operation, e);
        } catch (ExecutionException e) {
            throw refused(e.getCause());
        } catch (TimeoutException e) {
            upgrade.thenAccept(Session::abandon);
            throw new KubernetesClientException("no answer to the exec upgrade",
                    new HttpTimeoutException("no answer to the exec upgrade within " + within));
        }
    }

    /**
     * A refused upgrade as the API error it is, carrying the server's Status (fabric8 reports it as an I/O failure
     * with the status code only; the JDK client keeps the body on its own exception, which fabric8's wraps).
     */
    private RuntimeException refused(Throwable failure) {
        Optional<WebSocketUpgradeResponse> response = ApiErrors.refusedUpgrade(failure);
        if (response.isEmpty()) {
            return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
        }
        int code = response.get().code();
        String body = answeredBody(failure).strip();
        Status said = body.isEmpty() ? null : statusIn(body);
        String message = said != null && said.getMessage() != null ? said.getMessage()
                : body.isEmpty() ? "HTTP " + code : body;
        Status status = new StatusBuilder(said == null ? new Status() : said).withCode(code).withMessage(message).build();
        return new KubernetesClientException(message, failure, code, status, null);
    }

    private Status statusIn(String body) {
        try {
            return client.getKubernetesSerialization().unmarshal(body, Status.class);
        } catch (RuntimeException notAStatus) {
            return null; // a proxy's plain text: the body itself is the message
        }
    }

    private static String answeredBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException jdk && jdk.getResponse().body() instanceof String body) {
                return body;
            }
        }
        return "";
    }

    /** An upgraded exec: its socket, closed once the command ended or the caller stopped waiting. */
    private record Session(WebSocket socket, ExecStream stream) {
        /** How long a finished exec waits for the server to close the socket before closing it itself. */
        private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

        void close() {
            if (!stream.closedByServerWithin(stream.ending().isDone() ? CLOSE_GRACE : Duration.ZERO)) {
                socket.sendClose(1000, "done");
            }
        }

        /** An upgrade that completed after the caller stopped waiting for it. */
        static void abandon(WebSocket socket) {
            socket.sendClose(1000, "abandoned");
        }
    }
}
