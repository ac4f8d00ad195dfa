package io.statefulebs.blueprint.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefulebs.blueprint.benchmarks.ReactionLatency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The "Real tier" section of BENCHMARKS.md, from the figures {@link RealTierBenchmark} collected. */
final class RealTierReport {
    /** A fan-out row's peak of library threads, told by name ({@link ThreadNames}). */
    private static final String LIBRARY_BY_NAME = "peakLibraryThreadsByName";
    /** The same in rows measured before threads were told by name: every thread new during the row but the benchmark's. */
    private static final String LIBRARY_ANY_NEW = "peakLibraryThreads";
    private static final String UNNAMED_MARK = "†";

    private RealTierReport() {
    }

    /**
     * Rewrites the "Real tier" section of BENCHMARKS.md from {@code benchmarks/real-tier.json} without measuring again,
     * after a change to this layout: {@code java -cp <blueprint-it test class path> ...RealTierReport [repository root]}.
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        JsonNode results = new ObjectMapper().readTree(root.resolve("benchmarks/real-tier.json").toFile());
        Path md = root.resolve("BENCHMARKS.md");
        Files.writeString(md, RealTierBenchmark.withSection(Files.readString(md), markdown(results)));
    }

    static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder(RealTierBenchmark.SECTION).append("\n\n");
        md.append("Last updated by `tools/local-cluster/run-benchmarks.sh` on ").append(r.path("date").asText()).append(" (")
                .append(r.path("cores").asInt()).append(" cores, ").append(r.path("java").asText())
                .append(") against the real-components tier (`tools/local-cluster`: real API server, scheduler, controllers, ")
                .append("Karpenter's kwok provider; the harness plays the EBS CSI controller and the writer container; ")
                .append("all on the same machine as the JVM). Raw figures: `benchmarks/real-tier.json`. ")
                .append("Requests are counted by a fabric8 `Interceptor` on the client handed to `Fabric8Backend.builder().client(...)`, ")
                .append("or added with `Fabric8Backend.builder().interceptor(...)` to the client a backend builds ")
                .append("(every attempt, HTTP and WebSocket; the harness's own client is not counted). ")
                .append("`BENCH_SECTIONS` reruns some sections only; each says when it was measured.\n\n");
        JsonNode walk = r.path("walkthrough");
        if (!walk.isMissingNode()) {
            md.append("### Requests of one walkthrough\n\n").append(measured(walk.path("measuredAt")))
                    .append("Deployment, 3 replicas, eu-west-2a, one fresh backend; `close` deletes what the run created and waits for it to go.\n\n")
                    .append("| step | wall | requests | by kind |\n|---|---|---|---|\n");
            for (JsonNode s : walk.path("steps")) {
                md.append("| ").append(s.path("step").asText()).append(" | ").append(ms(s.path("wallMillis").asDouble()))
                        .append(" | ").append(s.path("requests").asLong()).append(" | ").append(kinds(s.path("byKind"))).append(" |\n");
            }
            md.append("\nTotal: ").append(walk.path("totalRequests").asLong()).append(" requests (")
                    .append(kinds(walk.path("requestsByKind"))).append(").\n\n");
        }
        JsonNode latency = r.path("reactionLatency");
        if (!latency.isMissingNode()) {
            md.append("### Wait reaction latency\n\n").append(measured(latency.path("measuredAt")))
                    .append("As on the mock server above, on this API server: a label update on a scheduling-gated pod, sent by the ")
                    .append("harness's client, timed from the moment it is sent to the waiting thread resuming. ")
                    .append("Target: p50 <= 20 ms, p99 <= 100 ms.\n\n").append(ReactionLatency.markdown(latency));
        }
        JsonNode cmp = r.path("applyReadyVerify");
        if (!cmp.isMissingNode()) {
            md.append("### apply → ready → verify: library against the walkthrough's kubectl commands\n\n").append(measured(cmp.path("measuredAt")))
                    .append("Same cluster, same rendered manifests, ").append(cmp.path("runs").asInt())
                    .append(" runs of each, interleaved; before each run no Karpenter node is left (consolidated, or its NodeClaim deleted after a minute), so each run ")
                    .append("launches its own. Library: a fresh backend, `deploy()` (preflight, server-side apply), `awaitReady()` ")
                    .append("(pods ready, claim bound, nodes initialized), `verifyZone()`. kubectl: `kubectl apply -f` of ")
                    .append("`render().toYaml()`, then `kubectl get pods` + `kubectl get pvc` every 5 s until 3 pods are 1/1 Running ")
                    .append("and the claim is Bound (or `kubectl wait` for the Deployment's Available condition and the claim's Bound phase), ")
                    .append("then `kubectl get nodes -L ...` and `kubectl get pv` (the verification). kubectl times include its process start.\n\n")
                    .append("| way | median | runs (ms) | requests (library) / kubectl processes |\n|---|---|---|---|\n");
            for (JsonNode w : cmp.path("ways")) {
                JsonNode count = w.has("requests") ? w.path("requests") : w.path("kubectlCommands");
                md.append("| ").append(w.path("way").asText()).append(" | ").append(ms(w.path("medianMillis").asDouble()))
                        .append(" | ").append(list(w.path("wallMillis"))).append(" | ").append(list(count)).append(" |\n");
            }
            md.append('\n');
        }
        JsonNode fan = r.path("fanOut");
        if (fan.isArray() && fan.size() > 0) {
            md.append("### Fan-out: concurrent blueprints in one JVM on the one API server\n\n").append(measured(r.path("fanOutMeasuredAt")))
                    .append("Each run: its own namespace and StorageClass, 3 replicas, zones in turn (the baseline rows: the Deployment ")
                    .append("variant; the new rows: the StatefulSet variant, since with the Deployment 6 of 10 runs sharing nodes met the ")
                    .append("blueprint's Multi-Attach defect, one run's replicas spread over two nodes of a zone); either its own ")
                    .append("`Fabric8Backend` on one shared (counted) client the benchmark supplies, or one backend shared by all runs ")
                    .append("(rows with a \"library\" figure: on the client that backend builds from the kubeconfig, counted by ")
                    .append("`interceptor(...)`; rows with \"-\" there: on the benchmark's client too); deploy → awaitReady → verifyZone → readFile → close (cleanup). ")
                    .append("Failover and scale-to-zero are left out: on a shared cluster other runs' pods keep nodes busy. ")
                    .append("Threads, sampled every 100 ms with the heap: peak threads include the benchmark's pool of one ")
                    .append("thread per run (the callers); \"but callers\" is the peak of every thread except that pool's (the library's, ")
                    .append("the clients', the JVM's; \"threads before\" is the same count before the runs; rows with \"-\" as library ")
                    .append("figure also held the harness's, which ran in the benchmark's JVM then). Threads are the Java threads ")
                    .append("`Thread.getAllStackTraces()` lists (the JVM's GC and compiler threads are not among them, nor in `ThreadMXBean`'s ")
                    .append("counts), told apart by name. \"Library\" is the peak of the library's threads: those named `statefulebs-` (the ")
                    .append("pools of a client the backend built), that client's JDK HTTP selector thread (`HttpClient-<n>-SelectorManager`, ")
                    .append("its `n` recorded as the backend is built) and fabric8's JVM-wide scheduler thread (`CachedSingleThreadScheduler-`...); ")
                    .append("not the JVM's own (`Attach Listener`, `process reaper`, ForkJoin workers...) nor other clients' threads; ")
                    .append("target: at most 16 at 100 runs on one shared backend. \"Caller's client\" is the peak of the threads of the ")
                    .append("client the benchmark supplies (its pools, unbounded as fabric8's defaults, and its selector thread; rows ")
                    .append("without one show 0; \"-\": not counted then). Heap growth ")
                    .append("is the peak (sampled every 100 ms) over the heap after a GC before the runs: garbage included, so it says ")
                    .append("more of the collector than of the library. \"Retained, all ready\" is what the library holds for the runs: ")
                    .append("the heap after a GC at the moment every run of the row is ready at once (each waits for the others there), ")
                    .append("over the same before the runs; target: under 128 MiB at 100 runs. Watches: WATCH requests ")
                    .append("sent during the row. A row with a failed run shows which failed instead of figures.\n\n");
            fanOutTable(md, fan);
            JsonNode baseline = r.path("fanOutBaseline");
            if (baseline.isArray() && baseline.size() > 0) {
                md.append("Before this issue's informer changes (").append(r.path("fanOutBaselineMeasuredAt").asText("earlier"))
                        .append("; per-namespace informers caching every object of the namespace, no lease):\n\n");
                fanOutTable(md, baseline);
            }
            growth(md, fan, "one per run");
            growth(md, fan, "one shared");
            growth(md, fan, "one shared, per-namespace informers");
            perRunByKind(md, fan);
            targets(md, fan, "one shared");
            targets(md, fan, "one shared, per-namespace informers");
            md.append("A shared backend shares its informers across runs: pods, claims and workloads selected by the library's ")
                    .append("managed-by label, events, volumes and attachments filtered before caching to those about the runs' objects, ")
                    .append("nodes whole; namespaced ones cluster-wide when the identity may list and watch in every namespace, else ")
                    .append("per namespace (the \"one shared\" rows connect as cluster-admin: cluster-wide; the \"per-namespace informers\" ")
                    .append("rows as the walkthrough's ServiceAccount, whose roles grant list/watch per namespace only).\n\n");
            for (JsonNode f : fan) {
                failures(md, f);
            }
        }
        busyNamespace(md, r.path("busyNamespace"));
        soak(md, r.path("soak"));
        doctor(md, r.path("doctor"));
        return md.toString();
    }

    private static void busyNamespace(StringBuilder md, JsonNode busy) {
        if (busy.isMissingNode()) {
            return;
        }
        md.append("### One run in a busy namespace\n\n").append(measured(busy.path("measuredAt")))
                .append("One walkthrough (deploy → awaitReady → verifyZone → readFile → close) on a fresh backend in a namespace ")
                .append("already holding ").append(busy.path("unrelatedPods").asInt()).append(" unrelated pods (scheduling-gated) and ")
                .append(busy.path("unrelatedEvents").asInt()).append(" unrelated events, against the same run in an empty namespace. ")
                .append("Retained heap: after a GC once the run is ready, over the same before it started (the informers' caches ")
                .append("are what stays). Target: the busy namespace changes both by less than 10%.\n\n")
                .append("| namespace | retained heap growth | requests |\n|---|---|---|\n");
        for (String which : List.of("empty", "busy")) {
            JsonNode row = busy.path(which);
            md.append("| ").append(which).append(" | ").append(String.format("%.1f MiB", row.path("retainedHeapGrowthMiB").asDouble()))
                    .append(" | ").append(row.path("requests").asLong()).append(" |\n");
        }
        md.append('\n');
    }

    private static void doctor(StringBuilder md, JsonNode doctor) {
        if (doctor.isMissingNode()) {
            return;
        }
        md.append("### Storage doctor: one namespace of ").append(doctor.path("pods").asInt()).append(" pods\n\n")
                .append(measured(doctor.path("measuredAt")))
                .append("StatefulSets deployed by the library (StatefulSet variant, a claim, EBS volume and VolumeAttachment per replica), ")
                .append("all ready; then `StatefulStorageDoctor.on(backend).examine(namespace)` ")
                .append(doctor.path("examinations").asInt()).append(" times, each on a fresh backend as the CLI runs it (after two ")
                .append("not counted): list requests only, the cluster-scoped kinds included. Target: under 2 s.\n\n")
                .append("| pods | examination p50 | max | requests per examination | findings |\n|---|---|---|---|---|\n")
                .append("| ").append(doctor.path("pods").asInt()).append(" | ").append(ms(doctor.path("p50Millis").asDouble()))
                .append(" | ").append(ms(doctor.path("maxMillis").asDouble())).append(" | ")
                .append(doctor.path("requestsPerExamination").asLong()).append(" | ").append(doctor.path("findings").asInt())
                .append(" |\n\n");
    }

    private static void soak(StringBuilder md, JsonNode soak) {
        if (soak.isMissingNode()) {
            return;
        }
        md.append("### Soak: sequential runs on one shared backend\n\n").append(measured(soak.path("measuredAt")))
                .append(soak.path("runs").asInt()).append(" walkthroughs (deploy → awaitReady → verifyZone → readFile → close) one ")
                .append("after the other in one namespace on one shared backend; heap after a GC and live threads after run 1, ")
                .append("every 10th run and the last. Target: the last within 10% of the first.\n\n");
        if (soak.path("failures").size() > 0) {
            md.append("Failed: ").append(soak.path("failures").size()).append(" run(s) failed; no figures.\n\n");
            return;
        }
        md.append("| after run | heap | threads |\n|---|---|---|\n");
        soak.path("afterRuns").forEach(s -> md.append("| ").append(s.path("run").asInt()).append(" | ")
                .append(String.format("%.1f MiB", s.path("heapMiB").asDouble())).append(" | ").append(s.path("threads").asInt()).append(" |\n"));
        md.append('\n');
    }

    private static void fanOutTable(StringBuilder md, JsonNode fan) {
        md.append("| runs | backend | wall | run p50 | run max | threads before | peak threads | peak but callers | library | caller's client | heap growth | retained, all ready | requests | per run | watches |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode f : fan) {
            md.append("| ").append(f.path("runs").asInt()).append(" | ").append(f.path("backend").asText("one per run")).append(" | ");
            if (f.path("failures").size() > 0) {
                md.append("failed: ").append(f.path("failures").size()).append(" of ").append(f.path("runs").asInt())
                        .append(" runs | | | | | | | | | | | | |\n");
                continue;
            }
            md.append(ms(f.path("wallMillis").asDouble()))
                    .append(" | ").append(ms(f.path("runMedianMillis").asDouble())).append(" | ").append(ms(f.path("runMaxMillis").asDouble()))
                    .append(" | ").append(f.path("threadsBefore").asInt()).append(" | ").append(f.path("peakThreads").asInt())
                    .append(" | ").append(optional(f, "peakThreadsButCallers")).append(" | ").append(libraryThreads(f))
                    .append(" | ").append(optional(f, "peakCallerClientThreads"))
                    .append(" | ").append(String.format("%.1f MiB", f.path("heapGrowthMiB").asDouble()))
                    .append(" | ").append(f.has("retainedHeapAllReadyMiB") ? String.format("%.1f MiB", f.path("retainedHeapAllReadyMiB").asDouble()) : "-")
                    .append(" | ").append(f.path("requests").asLong()).append(" | ").append(String.format("%.1f", f.path("requestsPerRun").asDouble()))
                    .append(" | ").append(optional(f, "watches")).append(" |\n");
        }
        md.append('\n');
        libraryThreadNames(md, fan);
    }

    /** The library threads column: counted by name, or marked when counted before (every thread new during the row). */
    private static String libraryThreads(JsonNode row) {
        if (row.has(LIBRARY_BY_NAME)) {
            return String.valueOf(row.path(LIBRARY_BY_NAME).asLong());
        }
        return row.has(LIBRARY_ANY_NEW) ? row.path(LIBRARY_ANY_NEW).asLong() + UNNAMED_MARK : "-";
    }

    /** Under a fan-out table: the library's threads at their peak by name, and what a figure counted before names meant. */
    private static void libraryThreadNames(StringBuilder md, JsonNode fan) {
        int start = md.length();
        boolean anyNewCounted = false;
        for (JsonNode f : fan) {
            anyNewCounted |= !f.has(LIBRARY_BY_NAME) && f.has(LIBRARY_ANY_NEW) && f.path("failures").isEmpty();
            if (f.has("libraryThreadsAtPeak") && f.path("failures").isEmpty()) {
                md.append("Library threads at their peak, ").append(f.path("runs").asInt()).append(" runs (")
                        .append(f.path("backend").asText("one per run")).append("): ").append(kinds(f.path("libraryThreadsAtPeak")))
                        .append(".\n");
            }
        }
        if (anyNewCounted) {
            md.append(UNNAMED_MARK).append(" Counted before threads were told by name: every thread started during the row but ")
                    .append("the benchmark's own, the JVM's and other clients' included (an over-count).\n");
        }
        if (md.length() > start) {
            md.append('\n');
        }
    }

    /** A count only some rows have, "-" in the others. */
    private static String optional(JsonNode row, String field) {
        return row.has(field) ? String.valueOf(row.path(field).asLong()) : "-";
    }

    /** How wall time, threads, heap and requests grew from the fewest to the most runs with {@code backend}. */
    private static void growth(StringBuilder md, JsonNode fan, String backend) {
        List<JsonNode> rows = new ArrayList<>();
        fan.forEach(f -> {
            if (f.path("backend").asText("one per run").equals(backend)) {
                rows.add(f);
            }
        });
        if (rows.size() < 2) {
            return;
        }
        rows.sort(Comparator.comparingInt(f -> f.path("runs").asInt()));
        JsonNode few = rows.get(0);
        JsonNode many = rows.get(rows.size() - 1);
        md.append(String.format("Backend %s, %d to %d runs (x%.0f): wall x%.1f, threads added x%.1f, heap growth x%.1f, requests x%.1f.%n%n",
                backend, few.path("runs").asInt(), many.path("runs").asInt(),
                many.path("runs").asDouble() / few.path("runs").asDouble(),
                ratio(many, few, "wallMillis"), threadsAdded(many) / threadsAdded(few), ratio(many, few, "heapGrowthMiB"),
                ratio(many, few, "requests")));
    }

    /** The requests of one run, by kind, in the row with the most runs on one shared backend (none failed). */
    private static void perRunByKind(StringBuilder md, JsonNode fan) {
        JsonNode largest = null;
        for (JsonNode f : fan) {
            if (f.path("backend").asText("").equals("one shared") && f.path("failures").isEmpty() && f.has("requestsByKind")
                    && (largest == null || f.path("runs").asInt() > largest.path("runs").asInt())) {
                largest = f;
            }
        }
        if (largest == null) {
            return;
        }
        double runs = largest.path("runs").asDouble();
        StringBuilder s = new StringBuilder();
        largest.path("requestsByKind").fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(' ').append(String.format("%.2f", e.getValue().asLong() / runs)));
        md.append(String.format("Requests per run at %d runs on one shared backend, %.1f in all, by kind: %s.%n%n",
                largest.path("runs").asInt(), largest.path("requestsPerRun").asDouble(), s));
    }

    /**
     * The largest row of {@code backend} read against issue 19's targets (at most 16 library threads, retained heap under
     * 128 MiB, at most 25 requests per run, watches that do not grow with the runs), from the figures themselves.
     */
    private static void targets(StringBuilder md, JsonNode fan, String backend) {
        List<JsonNode> rows = new ArrayList<>();
        fan.forEach(f -> {
            if (f.path("backend").asText().equals(backend) && f.path("failures").isEmpty() && (f.has(LIBRARY_BY_NAME) || f.has(LIBRARY_ANY_NEW))) {
                rows.add(f);
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(Comparator.comparingInt(f -> f.path("runs").asInt()));
        JsonNode most = rows.get(rows.size() - 1);
        List<Long> watches = rows.stream().map(f -> f.path("watches").asLong()).distinct().toList();
        md.append(String.format("Against the targets, %d runs (%s): library threads %s; retained heap %s "
                        + "(under 128 MiB: %s); %.1f requests per run (at most 25: %s); watches %s over %s runs (%s).%n%n",
                most.path("runs").asInt(), backend,
                most.has(LIBRARY_BY_NAME) ? most.path(LIBRARY_BY_NAME).asInt() + " (at most 16: " + met(most.path(LIBRARY_BY_NAME).asInt() <= 16) + ")"
                        : "not counted by name (at most 16: unknown)",
                most.has("retainedHeapAllReadyMiB") ? String.format("%.1f MiB", most.path("retainedHeapAllReadyMiB").asDouble()) : "not measured",
                most.has("retainedHeapAllReadyMiB") ? met(most.path("retainedHeapAllReadyMiB").asDouble() < 128) : "unknown",
                most.path("requestsPerRun").asDouble(), met(most.path("requestsPerRun").asDouble() <= 25),
                rows.stream().map(f -> String.valueOf(f.path("watches").asLong())).toList(),
                rows.stream().map(f -> String.valueOf(f.path("runs").asInt())).toList(),
                watches.size() == 1 ? "the same at every size: met" : "growing with the runs: not met"));
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    private static double ratio(JsonNode many, JsonNode few, String field) {
        return many.path(field).asDouble() / few.path(field).asDouble();
    }

    private static double threadsAdded(JsonNode row) {
        return Math.max(1, row.path("peakThreads").asInt() - row.path("threadsBefore").asInt());
    }

    /** The failures of one fan-out row, alike ones (differing only in namespace and pod names) counted once. */
    private static void failures(StringBuilder md, JsonNode row) {
        Map<String, Integer> alike = new TreeMap<>();
        for (JsonNode failure : row.path("failures")) {
            String text = failure.asText().replaceAll("fan-\\d+-\\d+", "fan-N-i").replaceAll("stateful-[a-z0-9]+-[a-z0-9]+", "stateful-…");
            alike.merge(text, 1, Integer::sum);
        }
        if (!alike.isEmpty()) {
            md.append("Failures at ").append(row.path("runs").asInt()).append(" runs (").append(row.path("backend").asText("one per run"))
                    .append("):\n\n");
            alike.forEach((text, count) -> md.append("- ").append(count).append("× `").append(text).append("`\n"));
            md.append('\n');
        }
    }

    private static String measured(JsonNode at) {
        return at.isMissingNode() ? "" : "Measured " + at.asText() + ". ";
    }

    private static String ms(double millis) {
        return millis >= 10_000 ? String.format("%.1f s", millis / 1000) : String.format("%.0f ms", millis);
    }

    private static String list(JsonNode values) {
        StringBuilder s = new StringBuilder();
        for (JsonNode v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(v.isIntegralNumber() ? String.valueOf(v.asLong()) : String.format("%.0f", v.asDouble()));
        }
        return s.toString();
    }

    private static String kinds(JsonNode byKind) {
        StringBuilder s = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = byKind.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(" ").append(e.getValue().asLong());
        }
        return s.toString();
    }
}
