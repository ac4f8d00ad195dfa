package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import java.util.concurrent.Executor;

/**
 * The two bounded pools of a client the backend builds, in place of the unbounded cached pools fabric8 and the JDK
 * HTTP client would start (one thread per concurrent exchange, watch or informer callback otherwise):
 * <ul>
 *   <li>{@value #HTTP_POOL}: the JDK HttpClient's executor, {@value #HTTP_THREADS} threads. It runs the client's
 *   asynchronous work: response bodies and their JSON decoding, watch events into the informers' stores, WebSocket
 *   (exec) frames, whose output {@link ExecStream} copies into the result buffers there. Requests wait on network I/O in the client's selector thread, not here, so a thread is needed per
 *   piece of CPU work, not per request or watch in flight.</li>
 *   <li>{@value #TASK_POOL}: fabric8's task executor, {@value #TASK_THREADS} threads: informer event handlers, each
 *   informer's callbacks one at a time.</li>
 * </ul>
 * Neither pool ever blocks on the other or on itself: the library's informer handlers only update caches and wake
 * waiting callers, exec output goes to in-memory buffers, and every blocking step (a wait, a synchronous request, a
 * retry's backoff, an exec's exit code) runs on the caller's thread. Closing the client (fabric8 calls
 * {@link #onClose(Executor)} last) stops both pools and waits for their threads.
 */
final class ClientThreads implements KubernetesClientBuilder.ExecutorSupplier {
    static final int HTTP_THREADS = 6;
    static final int TASK_THREADS = 4;
    static final String HTTP_POOL = Fabric8Backend.THREAD_NAME_PREFIX + "http";
    static final String TASK_POOL = Fabric8Backend.THREAD_NAME_PREFIX + "tasks";

    private final NamedThreadPool http = new NamedThreadPool(HTTP_POOL, HTTP_THREADS);
    private final NamedThreadPool tasks = new NamedThreadPool(TASK_POOL, TASK_THREADS);

    /** fabric8's task executor. */
    @Override
    public Executor get() {
        return tasks;
    }

    @Override
    public void onClose(Executor executor) {
        tasks.close();
        http.close();
    }

    /** The JDK client's builder: the HTTP pool, and HTTP/1.1 as ClientFactory asks (whatever fabric8's builder makes of it). */
    java.net.http.HttpClient.Builder jdkClientBuilder() {
        return java.net.http.HttpClient.newBuilder().executor(http).version(java.net.http.HttpClient.Version.HTTP_1_1);
    }

    /**
     * A JDK HTTP client factory whose clients run on the HTTP pool. fabric8 asks it for a new JDK client for the
     * backend's client and for any client it derives a fresh connection for (an OIDC token refresh): all share the
     * pool, and closing one of them leaves the pool to {@link #onClose(Executor)}.
     */
    JdkHttpClientFactory httpClientFactory() {
        return new JdkHttpClientFactory() {
            @Override
            protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
                return jdkClientBuilder();
            }

            @Override
            protected void closeHttpClient(io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl client) {
                // The pool outlives any one JDK client; onClose stops it with the backend's client.
            }
        };
    }
}
