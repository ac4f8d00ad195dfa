package io.statefulebs.blueprint.benchmarks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.PodView;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How soon a wait returns after the API server changes what it waits for: the library's informer-backed
 * {@code await} against a poll loop at the walkthrough's cadence (5 s) and Karpenter e2e's (2 s), on fabric8's mock
 * API server on loopback. A "change" is a label update on a pod; the latency runs from the moment the update is sent
 * to the waiting thread resuming: an upper bound, as it includes the update's own round trip (the server may notify
 * watchers before the updater has read its response).
 */
final class ReactionLatency implements AutoCloseable {
    private static final String NS = "default";
    private final KubernetesMockServer server;
    private final KubernetesClient controller;
    private final KubernetesClient backendClient;
    private final Fabric8Backend backend;
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();

    ReactionLatency() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        controller = client();
        backendClient = client();
        backend = Fabric8Backend.builder().client(backendClient).build();
        controller.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("latency")
                .addToLabels("gen", "0").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
                .endContainer().endSpec().build()).create();
    }

    private KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort()).withNamespace(NS).build()).build();
    }

    /** Milliseconds from each change to {@code await} returning. */
    List<Double> informerWaits(int changes) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int gen = 1; gen <= changes; gen++) {
            String wanted = String.valueOf(gen);
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                backend.await(Wait.until("gen " + wanted, Duration.ofSeconds(30), cluster -> {
                    List<PodView> pods = cluster.pods(NS, Map.of("gen", wanted));
                    return pods.isEmpty() ? Verdict.pending("not yet") : Verdict.satisfied(pods);
                }));
                return System.nanoTime();
            }, waiter);
            TimeUnit.MILLISECONDS.sleep(5);
            long changed = change(wanted);
            millis.add((returned.get(30, TimeUnit.SECONDS) - changed) / 1e6);
        }
        return millis;
    }

    /** Milliseconds from each change to a GET every {@code cadence} seeing it. */
    List<Double> pollingWaits(int changes, Duration cadence, int offset) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 1; i <= changes; i++) {
            String wanted = String.valueOf(offset + i);
            long firstPoll = System.nanoTime() + cadence.toNanos();
            // The change lands at a random moment of the poll period, as it would in real life.
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(cadence.toNanos()));
            long changed = change(wanted);
            long poll = firstPoll;
            while (true) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, poll - System.nanoTime()));
                Pod seen = backendClient.pods().inNamespace(NS).withName("latency").get();
                if (wanted.equals(seen.getMetadata().getLabels().get("gen"))) {
                    millis.add((System.nanoTime() - changed) / 1e6);
                    break;
                }
                poll += cadence.toNanos();
            }
        }
        return millis;
    }

    /** Requests the backend sends while one wait is pending for {@code pending} (after its informer is warm). */
    long requestsDuringAWait(Duration pending) throws Exception {
        int before = server.getRequestCount();
        try {
            backend.await(Wait.until("nothing", pending, cluster -> Verdict.pending("waiting")));
            throw new IllegalStateException("a wait for nothing returned");
        } catch (WaitTimedOutException expected) {
            return server.getRequestCount() - before;
        }
    }

    /** Changes the label; returns when the change was sent. */
    private long change(String gen) {
        long sent = System.nanoTime();
        controller.pods().inNamespace(NS).withName("latency").edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("gen", gen).endMetadata().build());
        return sent;
    }

    @Override
    public void close() {
        waiter.shutdownNow();
        backend.close();
        backendClient.close();
        controller.close();
        server.destroy();
    }
}
