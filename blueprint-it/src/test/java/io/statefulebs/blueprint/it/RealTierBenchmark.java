package io.statefulebs.blueprint.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.benchmarks.ReactionLatency;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmarks on the real-components tier (tools/local-cluster/run-benchmarks.sh runs it; never a test): API requests
 * of one walkthrough through the fabric8 backend, the library's apply → ready → verify against the walkthrough's
 * kubectl commands, and N blueprints at once in one JVM. Writes {@code benchmarks/real-tier.json} and the
 * "Real tier" section of BENCHMARKS.md. Records figures; asserts nothing about them.
 *
 * <p>System properties: {@code statefulebs.it.kubeconfig}, {@code statefulebs.kubectl} (the tier's kubectl),
 * {@code bench.root} (repository root), {@code bench.fanOut} (default 10,25), {@code bench.fanOutShared} (default none), {@code bench.compareRuns} (default 3),
 * {@code bench.sections} (default walkthrough,latency,compare,fanOut).
 */
public final class RealTierBenchmark {
    static final String SECTION = "## Real tier";
    private static final String RESULTS = "benchmarks/real-tier.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration READY = Duration.ofMinutes(5);
    private static final String[] ZONES = {"eu-west-2a", "eu-west-2b", "eu-west-2c"};

    private final LocalCluster cluster;
    private final RequestCounter counter = new RequestCounter();
    /** The caller-supplied client's pools, unbounded as fabric8's defaults but named, so their threads are counted apart. */
    private final ExecutorService countedHttp = Executors.newCachedThreadPool(named(ThreadNames.CALLER_CLIENT + "http-"));
    private final ExecutorService countedTasks = Executors.newCachedThreadPool(named(ThreadNames.CALLER_CLIENT + "tasks-"));
    private final KubernetesClient counted;
    /** The counted client's JDK HTTP client selector thread: the caller's client's, as its pools. */
    private final Set<String> countedSelectors;
    private final ObjectNode results;
    private final Path root;

    private RealTierBenchmark(LocalCluster cluster, Path root) throws Exception {
        this.cluster = cluster;
        this.root = root;
        // Sections not run this time keep their earlier figures (each section records when it was measured).
        Path earlier = root.resolve(RESULTS);
        this.results = Files.exists(earlier) ? (ObjectNode) JSON.readTree(earlier.toFile()) : JSON.createObjectNode();
        Config config = Config.fromKubeconfig(Files.readString(cluster.kubeconfig()));
        ThreadNames.Started<KubernetesClient> client = ThreadNames.startedBy("the counted client", () -> new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory() {
                    @Override
                    protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
                        return java.net.http.HttpClient.newBuilder().executor(countedHttp);
                    }
                })
                .withTaskExecutor(countedTasks)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(COUNTER, counter))
                .build());
        this.counted = client.value();
        this.countedSelectors = client.selectorThreads();
    }

    private static final String COUNTER = "statefulebs-request-counter";

    private static ThreadFactory named(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A backend that builds its own client from the tier's kubeconfig, its requests counted: its threads are the
     * library's (its client's selector thread told by name as it is built).
     */
    private ThreadNames.Started<Fabric8Backend> ownClientBackend() {
        return built(Fabric8Backend.builder().kubeconfig(cluster.kubeconfig()));
    }

    /**
     * As {@link #ownClientBackend()}, connecting as the walkthrough's ServiceAccount, whose roles (rbac.yaml's) grant
     * list/watch per namespace only: the backend's informers are per namespace.
     */
    private ThreadNames.Started<Fabric8Backend> namespacedBackend() {
        return built(cluster.backendBuilder(FeatureIdentity.WALKTHROUGH));
    }

    private ThreadNames.Started<Fabric8Backend> built(Fabric8Backend.Builder builder) {
        Fabric8Backend.Builder counting = builder.interceptor(COUNTER, counter);
        return ThreadNames.startedBy("a backend's own client", counting::build);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        List<String> sections = Arrays.asList(System.getProperty("bench.sections", "walkthrough,latency,compare,fanOut").split(","));
        try (LocalCluster cluster = LocalCluster.start()) {
            RealTierBenchmark bench = new RealTierBenchmark(cluster, root);
            try {
                bench.results.put("date", Instant.now().toString());
                bench.results.put("cores", Runtime.getRuntime().availableProcessors());
                bench.results.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
                if (sections.contains("walkthrough")) {
                    bench.results.set("walkthrough", measuredNow(bench.walkthrough()));
                    bench.write();
                }
                if (sections.contains("latency")) {
                    bench.results.set("reactionLatency", measuredNow(bench.reactionLatency()));
                    bench.write();
                }
                if (sections.contains("compare")) {
                    bench.results.set("applyReadyVerify", measuredNow(bench.compare(Integer.getInteger("bench.compareRuns", 3))));
                    bench.write();
                }
                if (sections.contains("fanOut")) {
                    if (bench.results.has("fanOut") && !bench.results.has("fanOutBaseline")) {
                        // The first figures stay beside the new ones (BENCHMARKS.md shows both).
                        bench.results.set("fanOutBaseline", bench.results.get("fanOut"));
                        bench.results.set("fanOutBaselineMeasuredAt", bench.results.get("fanOutMeasuredAt"));
                    }
                    ArrayNode fanOut = bench.results.putArray("fanOut");
                    bench.results.put("fanOutMeasuredAt", Instant.now().toString());
                    for (int n : runCounts(System.getProperty("bench.fanOut", "10,25"))) {
                        fanOut.add(bench.fanOut(n, false));
                        bench.write();
                    }
                    for (int n : runCounts(System.getProperty("bench.fanOutShared", ""))) {
                        fanOut.add(bench.fanOut(n, true));
                        bench.write();
                    }
                    for (int n : runCounts(System.getProperty("bench.fanOutNamespaced", ""))) {
                        fanOut.add(bench.fanOut(n, bench.namespacedBackend(), "one shared, per-namespace informers"));
                        bench.write();
                    }
                }
                if (sections.contains("busy")) {
                    bench.results.set("busyNamespace", measuredNow(bench.busyNamespace(Integer.getInteger("bench.busyPods", 2000),
                            Integer.getInteger("bench.busyEvents", 10000))));
                    bench.write();
                }
                if (sections.contains("doctor")) {
                    bench.results.set("doctor", measuredNow(bench.doctor(Integer.getInteger("bench.doctorSets", 10),
                            Integer.getInteger("bench.doctorReplicas", 20), Integer.getInteger("bench.doctorExaminations", 20))));
                    bench.write();
                }
                if (sections.contains("soak")) {
                    bench.results.set("soak", measuredNow(bench.soak(Integer.getInteger("bench.soakRuns", 200))));
                    bench.write();
                }
            } finally {
                bench.counted.close();
                bench.countedHttp.shutdownNow();
                bench.countedTasks.shutdownNow();
            }
        }
        System.exit(0); // the harness's informers and fabric8's pools hold non-daemon threads
    }

    /** One full walkthrough (Deployment) through a fresh backend, requests and wall time per step. */
    private ObjectNode walkthrough() throws Exception {
        String ns = "bench-walk";
        cluster.ensureNamespace(ns);
        awaitNoWorkloadNodes();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode steps = out.putArray("steps");
        Map<String, Long> start = counter.snapshot();
        try (Fabric8Backend backend = Fabric8Backend.builder().client(counted).build()) {
            Step step = new Step(steps);
            BlueprintRun run = step.time("deploy (preflight, apply)", () -> StatefulEbsBlueprint.builder().namespace(ns)
                    .zone(ZONES[0]).replicas(3).storage(s -> s.storageClassName("bench-walk")).backend(backend).deploy());
            try {
                step.time("awaitReady (cold informers)", () -> run.awaitReady(READY));
                step.time("verifyZone", run::verifyZone);
                step.time("readFile (exec)", run::readFile);
                step.time("failover", () -> run.failover(READY));
                step.time("scale 0", () -> run.scale(0));
                step.time("awaitNodesReleased", () -> run.awaitNodesReleased(READY));
                step.time("scale 3", () -> run.scale(3));
                step.time("awaitReady (warm informers)", () -> run.awaitReady(READY));
            } finally {
                step.time("close (cleanup)", () -> {
                    run.close();
                    return null;
                });
            }
        } finally {
            cluster.deleteBlueprintObjects(ns, Duration.ofMinutes(3));
        }
        Map<String, Long> all = RequestCounter.difference(start, counter.snapshot());
        out.put("totalRequests", RequestCounter.sum(all));
        out.set("requestsByKind", JSON.valueToTree(all));
        return out;
    }

    /**
     * The mock-server benchmark's reaction latency, on this API server: 200 label changes on a scheduling-gated pod
     * (nothing else acts on it) made through the harness's client, awaited through a backend on the counted client.
     */
    private ObjectNode reactionLatency() throws Exception {
        String ns = "bench-latency";
        cluster.ensureNamespace(ns);
        try (ReactionLatency latency = ReactionLatency.against(cluster.client(), counted, ns, counter::total)) {
            return latency.measure(JSON, 200, 20);
        }
    }

    /** Times a step and the requests it sends. */
    private final class Step {
        private final ArrayNode steps;

        Step(ArrayNode steps) {
            this.steps = steps;
        }

        <T> T time(String name, Callable<T> action) throws Exception {
            Map<String, Long> before = counter.snapshot();
            long t0 = System.nanoTime();
            T value = action.call();
            long t1 = System.nanoTime();
            Map<String, Long> sent = RequestCounter.difference(before, counter.snapshot());
            ObjectNode row = steps.addObject();
            row.put("step", name);
            row.put("wallMillis", (t1 - t0) / 1e6);
            row.put("requests", RequestCounter.sum(sent));
            row.set("byKind", JSON.valueToTree(sent));
            System.err.printf("walkthrough: %-28s %8.0f ms %4d requests %s%n", name, (t1 - t0) / 1e6, RequestCounter.sum(sent), sent);
            return value;
        }
    }

    /** apply → ready → verify: the library (fresh backend each run) against kubectl polling every 5 s and kubectl wait. */
    private ObjectNode compare(int runs) throws Exception {
        String ns = "bench-cmp";
        cluster.ensureNamespace(ns);
        Path kubectl = Path.of(System.getProperty("statefulebs.kubectl"));
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Long>> requests = new LinkedHashMap<>();
        for (String way : List.of("library", "kubectl poll 5 s", "kubectl wait")) {
            millis.put(way, new ArrayList<>());
            requests.put(way, new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (String way : millis.keySet()) {
                awaitNoWorkloadNodes();
                StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().namespace(ns).zone(ZONES[i % ZONES.length]).replicas(3)
                        .storage(s -> s.storageClassName("bench-cmp")).build();
                long t0 = System.nanoTime();
                long sent; // requests through the library, kubectl processes for kubectl
                try {
                    if (way.equals("library")) {
                        long before = counter.total();
                        try (Fabric8Backend backend = Fabric8Backend.builder().client(counted).build()) {
                            BlueprintRun run = blueprint.toBuilder().backend(backend).deploy().keep();
                            run.awaitReady(READY).verifyZone();
                            sent = counter.total() - before;
                        }
                    } else {
                        Path yaml = Files.createTempFile("blueprint", ".yaml");
                        try {
                            Files.writeString(yaml, blueprint.render().toYaml());
                            KubectlWalkthrough k = new KubectlWalkthrough(kubectl, cluster.kubeconfig());
                            k.apply(yaml);
                            if (way.equals("kubectl wait")) {
                                k.waitUntilReady(ns, "stateful", "ebs-claim", READY);
                            } else {
                                k.pollUntilReady(ns, "app=stateful", 3, READY);
                            }
                            k.verify();
                            sent = k.commands();
                        } finally {
                            Files.deleteIfExists(yaml);
                        }
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    millis.get(way).add(ms);
                    requests.get(way).add(sent);
                    System.err.printf("compare run %d %-18s %8.0f ms%n", i + 1, way, ms);
                } finally {
                    cluster.deleteBlueprintObjects(ns, Duration.ofMinutes(3));
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("runs", runs);
        ArrayNode rows = out.putArray("ways");
        for (String way : millis.keySet()) {
            ObjectNode row = rows.addObject();
            row.put("way", way);
            row.set("wallMillis", JSON.valueToTree(millis.get(way)));
            row.put("medianMillis", median(millis.get(way)));
            if (way.equals("library")) {
                row.set("requests", JSON.valueToTree(requests.get(way)));
            } else {
                row.set("kubectlCommands", JSON.valueToTree(requests.get(way)));
            }
        }
        return out;
    }

    private static ObjectNode measuredNow(ObjectNode section) {
        section.put("measuredAt", Instant.now().toString());
        return section;
    }

    private static List<Integer> runCounts(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    /**
     * {@code n} blueprints at once: deploy → ready → verify → read → close, each in its own namespace. The Deployment
     * variant, as the blueprint: without a failover the shared claim's Multi-Attach risk does not arise. Each run builds
     * its own {@code Fabric8Backend} on the counted caller-supplied client, or, with {@code sharedBackend}, all runs use
     * one backend that builds its own client (its informers and its threads shared; those threads are the library's).
     */
    private ObjectNode fanOut(int n, boolean sharedBackend) throws Exception {
        return sharedBackend ? fanOut(n, ownClientBackend(), "one shared") : fanOut(n, null, "one per run");
    }

    /**
     * As {@link #fanOut(int, boolean)}, the runs sharing the backend {@code built} (with its client's selector threads)
     * unless it is null; the row named {@code backendLabel}.
     */
    private ObjectNode fanOut(int n, ThreadNames.Started<Fabric8Backend> built, String backendLabel) throws Exception {
        boolean sharedBackend = built != null;
        Fabric8Backend shared = sharedBackend ? built.value() : null;
        List<String> namespaces = new ArrayList<>();
        // Names of this row only: a row never meets the objects (or the namespace being deleted) of an earlier one.
        String row = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int i = 0; i < n; i++) {
            namespaces.add("fan-" + n + "-" + row + "-" + i);
            cluster.ensureNamespace(namespaces.get(i));
        }
        awaitNoWorkloadNodes();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        ThreadPeaks peaks = new ThreadPeaks(new ThreadNames(sharedBackend ? built.selectorThreads() : Set.of(), countedSelectors));
        var sampler = Executors.newSingleThreadScheduledExecutor(named(ThreadNames.BENCHMARK + "sampler-"));
        sampler.scheduleAtFixedRate(() -> {
            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            peaks.sample();
        }, 0, 100, TimeUnit.MILLISECONDS);
        long requestsBefore = counter.total();
        Map<String, Long> kindsBefore = counter.snapshot();
        AtomicLong callers = new AtomicLong();
        AllReady allReady = new AllReady(n, memory);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> new Thread(r, ThreadNames.CALLERS + callers.incrementAndGet()));
        List<Double> perRun = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String ns = namespaces.get(i);
                String zone = ZONES[i % ZONES.length];
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    try {
                        if (shared != null) {
                            runOnce(shared, ns, zone, allReady::arrive);
                        } else {
                            try (Fabric8Backend own = Fabric8Backend.builder().client(counted).build()) {
                                runOnce(own, ns, zone, allReady::arrive);
                            }
                        }
                    } finally {
                        allReady.leave();
                    }
                    return (System.nanoTime() - s) / 1e6;
                }));
            }
            for (Future<Double> f : futures) {
                try {
                    perRun.add(f.get(20, TimeUnit.MINUTES));
                } catch (Exception e) {
                    failures.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
                    f.cancel(true);
                }
            }
        } finally {
            pool.shutdownNow();
            peaks.sample(); // the peak of a row shorter than the sampling period
            sampler.shutdownNow();
            if (shared != null) {
                shared.close();
            }
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        long sent = counter.total() - requestsBefore;
        ObjectNode result = JSON.createObjectNode();
        result.put("runs", n);
        result.put("namespaces", namespaces.get(0).replaceAll("-0$", "-N"));
        result.put("backend", backendLabel);
        result.put("wallMillis", wall);
        result.put("runMedianMillis", perRun.isEmpty() ? 0 : median(perRun));
        result.put("runMaxMillis", perRun.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        result.put("threadsBefore", threadsBefore);
        result.put("peakThreads", threads.getPeakThreadCount());
        result.put("heapGrowthMiB", Math.max(0, peakHeap.get() - heapBefore) / (1024.0 * 1024));
        allReady.retainedMiB(heapBefore).ifPresent(m -> result.put("retainedHeapAllReadyMiB", m));
        result.put("requests", sent);
        result.put("requestsPerRun", sent / (double) n);
        Map<String, Long> byKind = RequestCounter.difference(kindsBefore, counter.snapshot());
        result.set("requestsByKind", JSON.valueToTree(byKind));
        result.put("watches", byKind.entrySet().stream().filter(e -> e.getKey().startsWith("WATCH ")).mapToLong(Map.Entry::getValue).sum());
        result.put("peakThreadsButCallers", peaks.butCallers());
        result.put("peakLibraryThreadsByName", peaks.library());
        result.set("libraryThreadsAtPeak", JSON.valueToTree(peaks.libraryAtPeak()));
        result.put("peakCallerClientThreads", peaks.callerClient());
        result.put("client", sharedBackend ? "built by the backend" : "caller-supplied");
        result.set("failures", JSON.valueToTree(failures));
        System.err.println("fan-out: " + result);
        for (String ns : namespaces) {
            cluster.deleteBlueprintObjects(ns, Duration.ofMinutes(3));
            cluster.client().namespaces().withName(ns).delete();
        }
        return result;
    }

    /**
     * One run in a namespace already holding {@code pods} unrelated pods (scheduling-gated: nothing places them) and
     * {@code events} unrelated events, against the same run in an empty namespace; each on a fresh backend. Heap: the
     * retained heap (after a GC) once the run is ready, over the same before it started.
     */
    private ObjectNode busyNamespace(int pods, int events) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        String busy = "busy-" + suffix;
        String empty = "empty-" + suffix;
        cluster.ensureNamespace(busy);
        cluster.ensureNamespace(empty);
        KubernetesClient admin = cluster.client();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < pods; i++) {
                String name = "unrelated-" + i;
                writes.add(writers.submit(() -> admin.pods().inNamespace(busy).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata().withName(name).addToLabels("app", "unrelated").endMetadata()
                        .withNewSpec().addNewSchedulingGate().withName("statefulebs.io/never").endSchedulingGate()
                        .addNewContainer().withName("c").withImage("unrelated").endContainer().endSpec().build()).create()));
            }
            for (int i = 0; i < events; i++) {
                String name = "unrelated-" + (i % Math.max(1, pods));
                String event = "unrelated-event-" + i;
                writes.add(writers.submit(() -> admin.v1().events().inNamespace(busy).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                        .withNewMetadata().withName(event).endMetadata()
                        .withNewInvolvedObject().withKind("Pod").withNamespace(busy).withName(name).endInvolvedObject()
                        .withReason("Unrelated").withMessage("an event of someone else's pod").withType("Normal").build()).create()));
            }
            for (Future<?> w : writes) {
                w.get(10, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("unrelatedPods", pods);
        out.put("unrelatedEvents", events);
        out.set("empty", measuredRun(empty, ZONES[0]));
        out.set("busy", measuredRun(busy, ZONES[0]));
        for (String ns : List.of(busy, empty)) {
            cluster.deleteBlueprintObjects(ns, Duration.ofMinutes(3));
            admin.namespaces().withName(ns).delete();
        }
        System.err.println("busy namespace: " + out);
        return out;
    }

    /** One run on a fresh backend: its requests, and the retained heap once ready over the heap before it. */
    private ObjectNode measuredRun(String namespace, String zone) {
        awaitNoWorkloadNodes();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        Map<String, Long> kindsBefore = counter.snapshot();
        ObjectNode out = JSON.createObjectNode();
        try (Fabric8Backend backend = Fabric8Backend.builder().client(counted).build();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(namespace).zone(zone).replicas(3)
                     .workload(w -> w.kind(WorkloadKind.STATEFULSET))
                     .storage(st -> st.storageClassName("sc-" + namespace)).backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(10));
            System.gc();
            out.put("retainedHeapGrowthMiB", Math.max(0, memory.getHeapMemoryUsage().getUsed() - heapBefore) / (1024.0 * 1024));
            run.verifyZone();
            run.readFile();
        }
        Map<String, Long> byKind = RequestCounter.difference(kindsBefore, counter.snapshot());
        out.put("requests", RequestCounter.sum(byKind));
        out.set("requestsByKind", JSON.valueToTree(byKind));
        return out;
    }

    /**
     * The storage doctor on one namespace of {@code sets} StatefulSets of {@code replicas} (each replica with its own
     * claim, volume and attachment), all ready: {@code examinations} examinations of the namespace, each on a fresh
     * backend as the CLI runs it (after two not counted), with their wall time and requests.
     */
    private ObjectNode doctor(int sets, int replicas, int examinations) throws Exception {
        String namespace = "doctor-bench-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        cluster.ensureNamespace(namespace);
        awaitNoWorkloadNodes();
        ObjectNode out = JSON.createObjectNode();
        List<BlueprintRun> runs = new ArrayList<>();
        Fabric8Backend deployer = Fabric8Backend.builder().client(counted).build();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < sets; i++) {
                String name = "set-" + i;
                runs.add(StatefulEbsBlueprint.builder().namespace(namespace).zone(ZONES[0]).replicas(replicas)
                        .workload(w -> w.kind(WorkloadKind.STATEFULSET).name(name))
                        .storage(st -> st.storageClassName("sc-" + namespace + "-" + name).claimName("data-" + name))
                        .backend(deployer).deploy());
            }
            for (BlueprintRun run : runs) {
                run.awaitReady(Duration.ofMinutes(15));
            }
            out.put("readyAfterMillis", (System.nanoTime() - t0) / 1e6);
            out.put("pods", runs.stream().mapToInt(r -> r.pods().size()).sum());
            List<Double> wall = new ArrayList<>();
            List<Long> requests = new ArrayList<>();
            int findings = 0;
            for (int i = -2; i < examinations; i++) {
                Map<String, Long> before = counter.snapshot();
                long start = System.nanoTime();
                try (Fabric8Backend reader = Fabric8Backend.builder().client(counted).build()) {
                    findings = StatefulStorageDoctor.on(reader).examine(namespace).findings().size();
                }
                if (i >= 0) {
                    wall.add((System.nanoTime() - start) / 1e6);
                    requests.add(RequestCounter.sum(RequestCounter.difference(before, counter.snapshot())));
                }
            }
            out.put("examinations", examinations);
            out.put("findings", findings);
            out.put("p50Millis", median(wall));
            out.put("maxMillis", wall.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            out.put("requestsPerExamination", requests.get(requests.size() - 1));
        } finally {
            // The runs' cleanup needs their backend: it is closed after them.
            try (deployer) {
                runs.forEach(BlueprintRun::close);
            }
            cluster.client().namespaces().withName(namespace).delete();
        }
        System.err.println("doctor: " + out);
        return out;
    }

    /**
     * {@code runs} walkthroughs (deploy → ready → verify → read → close) one after the other on one shared backend, in
     * one namespace: heap after a GC and live threads after the first run and after the last, and any failure.
     */
    private ObjectNode soak(int runs) throws Exception {
        String namespace = "soak-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        cluster.ensureNamespace(namespace);
        awaitNoWorkloadNodes();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode samples = out.putArray("afterRuns");
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Fabric8Backend shared = Fabric8Backend.builder().client(counted).build()) {
            for (int i = 1; i <= runs; i++) {
                try {
                    runOnce(shared, namespace, ZONES[0]);
                } catch (RuntimeException e) {
                    failures.add("run " + i + ": " + e);
                }
                if (i == 1 || i == runs || i % 10 == 0) {
                    System.gc();
                    ObjectNode sample = samples.addObject();
                    sample.put("run", i);
                    sample.put("heapMiB", memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
                    sample.put("threads", threads.getThreadCount());
                    System.err.println("soak: " + sample);
                }
            }
        }
        out.put("runs", runs);
        out.put("wallMillis", (System.nanoTime() - t0) / 1e6);
        out.set("failures", JSON.valueToTree(failures));
        cluster.deleteBlueprintObjects(namespace, Duration.ofMinutes(3));
        cluster.client().namespaces().withName(namespace).delete();
        return out;
    }

    private static void runOnce(Fabric8Backend backend, String namespace, String zone) {
        runOnce(backend, namespace, zone, () -> { });
    }

    /** As {@link #runOnce(Fabric8Backend, String, String)}, calling {@code whenReady} once the run is ready. */
    private static void runOnce(Fabric8Backend backend, String namespace, String zone, Runnable whenReady) {
        // The StatefulSet variant (a claim per replica): with the blueprint's Deployment, runs sharing nodes meet the
        // blueprint's Multi-Attach defect when the scheduler spreads one run's replicas over two nodes of a zone.
        try (BlueprintRun run = StatefulEbsBlueprint.builder().namespace(namespace).zone(zone).replicas(3)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET))
                .storage(st -> st.storageClassName("sc-" + namespace)).backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(10));
            whenReady.run();
            run.verifyZone();
            run.readFile();
        }
    }

    /**
     * Waits (bounded) until Karpenter consolidated every node of the previous run, so each run launches its own. After
     * a large fan-out Karpenter's default disruption budget (10% of the nodes at a time) makes that slow, so what is
     * left after a minute is removed by deleting its NodeClaims (Karpenter drains and deletes the nodes).
     */
    private void awaitNoWorkloadNodes() {
        try {
            LocalCluster.awaitTrue("no Karpenter nodes left", Duration.ofMinutes(1), this::noKarpenterNodes);
        } catch (IllegalStateException slow) {
            cluster.client().genericKubernetesResources("karpenter.sh/v1", "NodeClaim").delete();
            LocalCluster.awaitTrue("no Karpenter nodes left after deleting their NodeClaims", Duration.ofMinutes(4),
                    this::noKarpenterNodes);
        }
    }

    private boolean noKarpenterNodes() {
        return cluster.client().nodes().withLabel("karpenter.sh/nodepool").list().getItems().isEmpty();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void write() throws Exception {
        Path json = root.resolve(RESULTS);
        Files.createDirectories(json.getParent());
        Path partial = json.resolveSibling(json.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), results);
        // Moved in one step: an interrupted run never leaves a cut file that the next run would fail to read.
        Files.move(partial, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path md = root.resolve("BENCHMARKS.md");
        String existing = Files.exists(md) ? Files.readString(md) : "# Benchmarks\n";
        Files.writeString(md, withSection(existing, RealTierReport.markdown(results)));
    }

    /** {@code markdown} with its "Real tier" section replaced by (or, when absent, appended as) {@code section}. */
    static String withSection(String markdown, String section) {
        int at = markdown.indexOf("\n" + SECTION + "\n");
        String head = at < 0 ? markdown : markdown.substring(0, at + 1);
        String tail = "";
        if (at >= 0) {
            int next = markdown.indexOf("\n## ", at + 1 + SECTION.length());
            tail = next < 0 ? "" : markdown.substring(next + 1);
        }
        String base = (head.endsWith("\n\n") ? head : head.stripTrailing() + "\n\n") + tail;
        return base.stripTrailing() + "\n\n" + section.stripTrailing() + "\n";
    }

    /**
     * The point where every run of a fan-out row is ready at once, the most the library holds for them: the last run
     * to get there collects the garbage and takes the heap. A run that fails before it leaves, so the others never
     * wait for it (the figure is then absent).
     */
    private static final class AllReady {
        private final java.util.concurrent.Phaser phaser;
        private final ThreadLocal<Boolean> arrived = ThreadLocal.withInitial(() -> false);
        private final MemoryMXBean memory;
        private volatile long heapAllReady = -1;
        private volatile boolean someoneLeft;

        AllReady(int runs, MemoryMXBean memory) {
            this.memory = memory;
            this.phaser = new java.util.concurrent.Phaser(runs) {
                @Override
                protected boolean onAdvance(int phase, int registered) {
                    if (phase == 0 && !someoneLeft) {
                        System.gc();
                        heapAllReady = memory.getHeapMemoryUsage().getUsed();
                    }
                    return true;
                }
            };
        }

        /** Called by a run once it is ready: waits until every run is (or has left). */
        void arrive() {
            arrived.set(true);
            phaser.arriveAndAwaitAdvance();
        }

        /** Called by every run at its end: a run that never arrived leaves. */
        void leave() {
            if (!arrived.get()) {
                someoneLeft = true;
                phaser.arriveAndDeregister();
            }
            arrived.remove();
        }

        java.util.Optional<Double> retainedMiB(long heapBefore) {
            long at = heapAllReady;
            return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(Math.max(0, at - heapBefore) / (1024.0 * 1024));
        }
    }
}
