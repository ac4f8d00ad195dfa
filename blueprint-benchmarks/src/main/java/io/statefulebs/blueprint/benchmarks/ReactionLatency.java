package io.statefulebs.blueprint.benchmarks;

import io.statefulebs.blueprint.spi.Waiter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.PodView;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How soon a wait returns after the API server changes what it waits for: the library's informer-backed
 * {@code await} against a poll loop at the walkthrough's cadence (5 s) and Karpenter e2e's (2 s). A "change" is a label
 * update on a pod held back by a scheduling gate (so no scheduler, kubelet or Karpenter acts on it); the latency runs
 * from the moment the update is sent to the waiting thread resuming: an upper bound, as it includes the update's own
 * round trip (the server may notify watchers before the updater has read its response). Runs on fabric8's mock API
 * server ({@link #onMockServer()}) or against any API server ({@link #against}, the real-components tier).
 */
public final class ReactionLatency implements AutoCloseable {
    private static final String POD = "statefulebs-latency";
    private final KubernetesClient controller;
    private final KubernetesClient backendClient;
    private final String namespace;
    private final LongSupplier requestsSent;
    private final AutoCloseable owned;
    private final Fabric8Backend backend;
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();
    /**
     * Per awaited change, from the update's answer (fabric8's edit: a GET, then a PATCH) to the await returning: a lower
     * bound, negative when the watch event overtook the answer.
     */
    private final List<Double> afterAnswer = new ArrayList<>();
    private long lastAnswered;

    private ReactionLatency(KubernetesClient controller, KubernetesClient backendClient, String namespace,
                            LongSupplier requestsSent, AutoCloseable owned) {
        this.controller = controller;
        this.backendClient = backendClient;
        this.namespace = namespace;
        this.requestsSent = requestsSent;
        this.owned = owned;
        this.backend = Fabric8Backend.builder().client(backendClient).build();
        controller.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(POD)
                .addToLabels("gen", "0").addToLabels(OwnershipLabels.MANAGED_BY, OwnershipLabels.MANAGER).endMetadata().withNewSpec().addNewSchedulingGate().withName("statefulebs.io/never").endSchedulingGate()
                .addNewContainer().withName("c").withImage("i").endContainer().endSpec().build()).create();
    }

    /** On fabric8's mock API server on 127.0.0.1, requests counted by the server. */
    static ReactionLatency onMockServer() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        KubernetesClient controller = mockClient(server);
        KubernetesClient backendClient = mockClient(server);
        return new ReactionLatency(controller, backendClient, "default", server::getRequestCount, () -> {
            backendClient.close();
            controller.close();
            server.destroy();
        });
    }

    /**
     * Against the API server both clients reach, in {@code namespace}: {@code controller} makes the changes, the backend
     * under test waits through {@code backendClient}, whose requests {@code requestsSent} counts. Clients stay open.
     */
    public static ReactionLatency against(KubernetesClient controller, KubernetesClient backendClient, String namespace,
                                          LongSupplier requestsSent) {
        return new ReactionLatency(controller, backendClient, namespace, requestsSent,
                () -> controller.pods().inNamespace(namespace).withName(POD).delete());
    }

    private static KubernetesClient mockClient(KubernetesMockServer server) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort()).withNamespace("default").build()).build();
    }

    /**
     * The whole measurement: 20 warm-up changes, then {@code changes} awaited ones, {@code pollSamples} at each poll
     * cadence, and the requests of one 5 s wait on a warm informer.
     */
    public ObjectNode measure(ObjectMapper json, int changes, int pollSamples) throws Exception {
        ObjectNode reaction = json.createObjectNode();
        informerWaits(20);
        afterAnswer.clear();
        reaction.set("informerAwaitMillis", json.valueToTree(Stats.of(informerWaits(changes))));
        reaction.set("informerAwaitAfterAnswerMillis", json.valueToTree(Stats.of(afterAnswer)));
        reaction.set("poll2sMillis", json.valueToTree(Stats.of(pollingWaits(pollSamples, Duration.ofSeconds(2), 10_000))));
        reaction.set("poll5sMillis", json.valueToTree(Stats.of(pollingWaits(pollSamples, Duration.ofSeconds(5), 20_000))));
        reaction.put("requestsDuringA5sWait", requestsDuringAWait(Duration.ofSeconds(5)));
        return reaction;
    }

    /** The table of {@link #measure} with its ratios, for BENCHMARKS.md. */
    public static String markdown(JsonNode reaction) {
        StringBuilder md = new StringBuilder("| waiter | samples | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        Stats.row(md, "library await (informer)", reaction.get("informerAwaitMillis"));
        Stats.row(md, "poll every 2 s", reaction.get("poll2sMillis"));
        Stats.row(md, "poll every 5 s", reaction.get("poll5sMillis"));
        if (reaction.has("informerAwaitAfterAnswerMillis")) {
            Stats.row(md, "library await, timed from the update's answer", reaction.get("informerAwaitAfterAnswerMillis"));
        }
        double informer = reaction.get("informerAwaitMillis").get("p50").asDouble();
        md.append(String.format(Locale.ROOT, "%nRatio at p50: %.0fx faster than a 2 s poll, %.0fx faster than a 5 s poll. ",
                reaction.get("poll2sMillis").get("p50").asDouble() / informer, reaction.get("poll5sMillis").get("p50").asDouble() / informer));
        if (reaction.has("informerAwaitAfterAnswerMillis")) {
            md.append("Timed from the moment the update is sent, a figure includes the update's own round trip (fabric8's edit: ")
                    .append("a GET and a PATCH) and is an upper bound; timed from its answer it is a lower bound (negative when ")
                    .append("the watch event overtook the answer); the library's own reaction lies between the two. ");
        }
        md.append("Requests sent by the backend during a 5 s wait on a warm informer: ")
                .append(reaction.get("requestsDuringA5sWait").asLong()).append(" (a poll loop at 2 s sends 2 or 3).\n\n");
        return md.toString();
    }

    /** Milliseconds from each change to {@code await} returning. */
    private List<Double> informerWaits(int changes) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int gen = 1; gen <= changes; gen++) {
            String wanted = String.valueOf(gen);
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                Waiter.await(backend, Wait.until("gen " + wanted, Duration.ofSeconds(30), cluster -> {
                    // Selected as the runs select their pods: by the library's label (its informer), then in memory.
                    List<PodView> pods = cluster.pods(namespace, Map.of("gen", wanted, OwnershipLabels.MANAGED_BY, OwnershipLabels.MANAGER));
                    return pods.isEmpty() ? Verdict.pending("not yet") : Verdict.satisfied(pods);
                }));
                return System.nanoTime();
            }, waiter);
            TimeUnit.MILLISECONDS.sleep(5);
            long changed = change(wanted);
            long resumed = returned.get(30, TimeUnit.SECONDS);
            millis.add((resumed - changed) / 1e6);
            afterAnswer.add((resumed - lastAnswered) / 1e6);
        }
        return millis;
    }

    /** Milliseconds from each change to a GET every {@code cadence} seeing it. */
    private List<Double> pollingWaits(int changes, Duration cadence, int offset) throws Exception {
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
                Pod seen = backendClient.pods().inNamespace(namespace).withName(POD).get();
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
    private long requestsDuringAWait(Duration pending) {
        long before = requestsSent.getAsLong();
        try {
            Waiter.await(backend, Wait.until("nothing", pending, cluster -> Verdict.pending("waiting")));
            throw new IllegalStateException("a wait for nothing returned");
        } catch (WaitTimedOutException expected) {
            return requestsSent.getAsLong() - before;
        }
    }

    /** Changes the label; returns when the change was sent. */
    private long change(String gen) {
        long sent = System.nanoTime();
        controller.pods().inNamespace(namespace).withName(POD).edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("gen", gen).endMetadata().build());
        lastAnswered = System.nanoTime();
        return sent;
    }

    @Override
    public void close() throws Exception {
        waiter.shutdownNow();
        backend.close();
        owned.close();
    }
}
