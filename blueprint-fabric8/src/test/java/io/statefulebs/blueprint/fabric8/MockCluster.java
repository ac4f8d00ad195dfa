package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server on 127.0.0.1 in mixed mode: expectations answer first, CRUD storage answers the rest.
 * {@link #client()} is the test's own client (the "controllers"); backends get {@link #newClient()}.
 * <p>
 * WebSockets (watches, exec) learn that they closed on a thread of their own, never on the server's one Vert.x
 * event loop: fabric8 8.0.0's watch waits there, in onClosed, for its sender thread to finish, while that thread
 * waits for the event loop to write the event it is sending. A watch closed while the server sent it events (an
 * informer stopped right after its watch opened, with the initial ADDED events on their way) stalled the event
 * loop for 30 s, and the server's stop gave up after 10 s: "Unable to close MockWebServer". MockClusterShutdownTest
 * shows it.
 */
final class MockCluster implements AutoCloseable {
    private static final Pattern EXEC = Pattern.compile("^/api/v1/namespaces/[^/]+/pods/([^/]+)/exec\\?");
    private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    private final ExecutorService closedSockets = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mock-cluster-websocket-closed");
        thread.setDaemon(true);
        return thread;
    });
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final List<RecordedRequest> taken = new ArrayList<>();

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse response = super.dispatch(request);
                WebSocketListener listener = response.getWebSocketListener();
                if (listener == null) {
                    Matcher exec = EXEC.matcher(request.getPath());
                    return response.code() == 200 && exec.find() ? podNotFound(exec.group(1)) : response;
                }
                return response.withWebSocketUpgrade(new ClosedOffTheEventLoop(listener));
            }
        }, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        // A real API server's version (the mock's default is 0.0 without a gitVersion); the preflight asks for it.
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("33").withGitVersion("v1.33.5").build());
        client = newClient();
    }

    /**
     * An exec no expectation answers: the CRUD storage answers it 200 with an empty list, where an API server
     * answers the exec of a missing pod 404 (the tests give every exec of a pod that exists an expectation).
     */
    private static MockResponse podNotFound(String pod) {
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods \\\"" + pod
                        + "\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"" + pod + "\",\"kind\":\"pods\"},\"code\":404}");
    }

    KubernetesMockServer server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    /** A client of the mock server, addressed as http://127.0.0.1:port (never a host name). */
    KubernetesClient newClient() {
        KubernetesClient created = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(url()).withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        clients.add(created);
        return created;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Every request recorded since the last call, oldest first. */
    synchronized List<RecordedRequest> drainRequests() {
        List<RecordedRequest> requests = new ArrayList<>(taken);
        taken.clear();
        RecordedRequest request;
        while ((request = take(1)) != null) {
            requests.add(request);
        }
        return requests;
    }

    /**
     * Blocks until a watch of {@code path} reaches the server. The mock server's watches start at "now", not at the
     * resource version the client asks for, so a test changes objects only once the watch is open.
     */
    synchronized void awaitWatch(String path) {
        RecordedRequest request;
        do {
            request = take(TimeUnit.MINUTES.toMillis(1));
            if (request == null) {
                throw new IllegalStateException("no watch of " + path + " within a minute");
            }
            taken.add(request);
        } while (!(request.getPath().startsWith(path + "?") && request.getPath().contains("watch=true")));
    }

    /**
     * Blocks until the backend has opened a watch (any). Actors call it before changing objects, so the change
     * reaches the wait's informer as an event rather than falling between its list and its watch.
     */
    synchronized void awaitAnyWatch() {
        if (taken.stream().anyMatch(r -> r.getPath().contains("watch=true"))) {
            return;
        }
        RecordedRequest request;
        do {
            request = take(TimeUnit.MINUTES.toMillis(1));
            if (request == null) {
                throw new IllegalStateException("no watch within a minute");
            }
            taken.add(request);
        } while (!request.getPath().contains("watch=true"));
    }

    private RecordedRequest take(long millis) {
        try {
            return server.takeRequest(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        server.destroy();
        closedSockets.shutdown();
    }

    /** Passes every callback on, those of a closed or failed socket on a {@link #closedSockets} thread. */
    private final class ClosedOffTheEventLoop extends WebSocketListener {
        private final WebSocketListener listener;

        ClosedOffTheEventLoop(WebSocketListener listener) {
            this.listener = listener;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            listener.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            listener.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            listener.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            listener.onMessage(webSocket, bytes);
        }

        @Override
        public void onPing(WebSocket webSocket, byte[] payload) {
            listener.onPing(webSocket, payload);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            listener.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closedSockets.execute(() -> listener.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            closedSockets.execute(() -> listener.onFailure(webSocket, failure, response));
        }
    }
}
