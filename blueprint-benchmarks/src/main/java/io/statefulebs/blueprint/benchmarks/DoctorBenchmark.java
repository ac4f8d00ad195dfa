package io.statefulebs.blueprint.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The storage doctor's time for one namespace of 200 stateful pods (each with its claim, volume and attachment, on 20
 * nodes), on the simulated cluster and through the fabric8 backend on fabric8's mock API server over loopback HTTP.
 * Writes {@code benchmarks/doctor.json} and the "Storage doctor" section at the end of {@code BENCHMARKS.md}.
 * Usage: {@code java -cp blueprint-benchmarks/target/blueprint-benchmarks.jar
 * io.statefulebs.blueprint.benchmarks.DoctorBenchmark [RUNS]} from the repository root.
 */
public final class DoctorBenchmark {
    static final String SECTION = "## Storage doctor: one namespace of 200 pods";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int PODS = 200;
    private static final int NODES = 20;
    private static final String NAMESPACE = "shop";
    private static final String DRIVER = "ebs.csi.aws.com";
    /** Held so the level set on it stays: the mock API server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private DoctorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        ObjectNode results = JSON.createObjectNode();
        results.put("date", Instant.now().toString());
        results.put("pods", PODS);
        results.put("runs", runs);
        results.set("simulated", simulated(runs));
        results.set("mockServer", mockServer(runs));
        Path json = Path.of("benchmarks", "doctor.json");
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), results);
        Path md = Path.of("BENCHMARKS.md");
        String section = markdown(results);
        Files.writeString(md, withSection(Files.exists(md) ? Files.readString(md) : "# Benchmarks\n", section));
        System.out.println(section);
    }

    /**
     * Ten StatefulSets of 20 replicas in one namespace (a StatefulSet starts its pods one at a time), given an hour of
     * cluster time (the figures record how many pods became Running), then the doctor on that namespace.
     */
    private static ObjectNode simulated(int runs) {
        SimulatedCluster cluster = new SimulatedCluster();
        List<BlueprintRun> deployed = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String name = "db" + i;
                deployed.add(StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").backend(cluster)
                        .storage(s -> s.storageClassName("sc-" + name)).workload(w -> w.name(name).kind(WorkloadKind.STATEFULSET)
                                .replicas(PODS / 10)).deploy());
            }
            cluster.advance(Duration.ofHours(1));
            ObjectNode row = measure(runs, () -> StatefulStorageDoctor.on(cluster).examine(NAMESPACE));
            row.put("podsRunning", deployed.stream().mapToLong(run -> run.pods().stream().filter(p -> p.phase().equals("Running")).count()).sum());
            row.put("podsTotal", deployed.stream().mapToInt(run -> run.pods().size()).sum());
            return row;
        } finally {
            deployed.forEach(BlueprintRun::close);
        }
    }

    /** 200 running pods with bound claims and attached volumes on 20 nodes, 400 events, a budget; read over HTTP. */
    private static ObjectNode mockServer(int runs) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort()).withNamespace(NAMESPACE).build()).build()) {
            populate(client);
            try (Fabric8Backend backend = Fabric8Backend.builder().client(client).build()) {
                ObjectNode row = measure(runs, () -> StatefulStorageDoctor.on(backend).examine(NAMESPACE));
                row.put("requestsPerExamination", requestsOfOne(server, backend));
                return row;
            }
        } finally {
            server.destroy();
        }
    }

    private static long requestsOfOne(KubernetesMockServer server, Fabric8Backend backend) {
        long before = server.getRequestCount();
        StatefulStorageDoctor.on(backend).examine(NAMESPACE);
        return server.getRequestCount() - before;
    }

    private static ObjectNode measure(int runs, Supplier<DoctorReport> examine) {
        int findings = 0;
        for (int i = 0; i < 10; i++) {
            findings = examine.get().findings().size();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            examine.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        ObjectNode row = JSON.createObjectNode();
        row.set("millis", JSON.valueToTree(Stats.of(millis)));
        row.put("findings", findings);
        return row;
    }

    private static void populate(KubernetesClient client) {
        client.storage().v1().csiDrivers().resource(new CSIDriverBuilder().withNewMetadata().withName(DRIVER).endMetadata()
                .withNewSpec().withAttachRequired(true).endSpec().build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("gp3").endMetadata()
                .withProvisioner(DRIVER).withVolumeBindingMode("WaitForFirstConsumer").withReclaimPolicy("Delete")
                .addToParameters("type", "gp3").build()).create();
        for (int n = 0; n < NODES; n++) {
            String node = "ip-10-0-1-" + n + ".eu-west-2.compute.internal";
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).addToLabels(Map.of(
                            "topology.kubernetes.io/zone", "eu-west-2a", "karpenter.sh/nodepool", "default",
                            "node.kubernetes.io/instance-type", "m7g.xlarge")).endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(Instant.now().toString())
                    .endCondition().endStatus().build()).create();
            client.storage().v1().csiNodes().resource(new CSINodeBuilder().withNewMetadata().withName(node).endMetadata().withNewSpec()
                    .addNewDriver().withName(DRIVER).withNodeID("i-" + n).withNewAllocatable().withCount(25).endAllocatable().endDriver()
                    .endSpec().build()).create();
        }
        for (int i = 0; i < PODS; i++) {
            String claim = "data-db-" + i;
            String volume = "pvc-" + i;
            String node = "ip-10-0-1-" + (i % NODES) + ".eu-west-2.compute.internal";
            client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(volume).endMetadata()
                    .withNewSpec().addToCapacity("storage", new Quantity("4Gi")).withAccessModes("ReadWriteOnce")
                    .withPersistentVolumeReclaimPolicy("Delete").withStorageClassName("gp3")
                    .withNewClaimRef().withNamespace(NAMESPACE).withName(claim).endClaimRef()
                    .withNewCsi().withDriver(DRIVER).withVolumeHandle("vol-" + i).endCsi()
                    .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                    .withKey("topology.kubernetes.io/zone").withOperator("In").withValues("eu-west-2a").endMatchExpression()
                    .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec()
                    .withNewStatus().withPhase("Bound").endStatus().build()).create();
            client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName(claim).withNamespace(NAMESPACE).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                    .withStorageClassName("gp3").withVolumeName(volume).withNewResources().addToRequests("storage", new Quantity("4Gi"))
                    .endResources().endSpec().withNewStatus().withPhase("Bound").addToCapacity("storage", new Quantity("4Gi"))
                    .endStatus().build()).create();
            client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("db-" + i).withNamespace(NAMESPACE)
                    .addToLabels("app", "db").addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("db")
                    .withUid("uid-db").withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("centos").endContainer()
                    .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim()
                    .endVolume().endSpec().withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build()).create();
            client.storage().v1().volumeAttachments().resource(new VolumeAttachmentBuilder().withNewMetadata()
                    .withName("csi-" + i).endMetadata().withNewSpec().withAttacher(DRIVER).withNodeName(node).withNewSource()
                    .withPersistentVolumeName(volume).endSource().endSpec().withNewStatus().withAttached(true).endStatus().build()).create();
            for (String reason : List.of("Scheduled", "Started")) {
                client.v1().events().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.EventBuilder().withNewMetadata()
                        .withName("db-" + i + "." + reason).withNamespace(NAMESPACE).endMetadata().withType("Normal").withReason(reason)
                        .withMessage(reason + " db-" + i).withNewInvolvedObject().withKind("Pod").withName("db-" + i)
                        .withNamespace(NAMESPACE).endInvolvedObject().withCount(1).withLastTimestamp(Instant.now().toString())
                        .build()).create();
            }
        }
        client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                .withName("db").withNamespace(NAMESPACE).endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "db")
                .endSelector().withNewMaxUnavailable(1).endSpec().build()).create();
    }

    private static String markdown(ObjectNode r) {
        StringBuilder md = new StringBuilder(SECTION + "\n\n");
        md.append("Generated by `java -cp blueprint-benchmarks/target/blueprint-benchmarks.jar io.statefulebs.blueprint.benchmarks.DoctorBenchmark` on ")
                .append(r.get("date").asText()).append(". Raw figures: `benchmarks/doctor.json`. ")
                .append("`StatefulStorageDoctor.on(backend).examine(namespace)` on a namespace of ").append(r.get("pods").asInt())
                .append(" stateful pods, each with its bound claim, volume and VolumeAttachment; ").append(r.get("runs").asInt())
                .append(" timed examinations after 10 warm-up ones. Simulated: ten StatefulSets of 20 replicas deployed by the")
                .append(" blueprint, after an hour of cluster time (").append(r.get("simulated").get("podsRunning").asInt())
                .append(" of ").append(r.get("simulated").get("podsTotal").asInt()).append(" pods Running). Mock API server: fabric8's, over loopback HTTP, with 20 nodes and CSINodes, 400")
                .append(" events and a PodDisruptionBudget; each examination lists every kind afresh (no informer). Target: under 2 s.")
                .append(" The real-components tier's figure is in the \"Real tier\" section (`BENCH_SECTIONS=doctor tools/local-cluster/run-benchmarks.sh`).\n\n");
        md.append("| cluster | samples | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        Stats.row(md, "simulated", r.get("simulated").get("millis"));
        Stats.row(md, "fabric8 on the mock API server", r.get("mockServer").get("millis"));
        md.append(String.format(Locale.ROOT, "%nFindings per examination: %d (simulated), %d (mock server). Requests per examination"
                        + " on the mock server: %d.%n", r.get("simulated").get("findings").asInt(), r.get("mockServer").get("findings").asInt(),
                r.get("mockServer").get("requestsPerExamination").asLong()));
        return md.toString();
    }

    /** {@code markdown} with this section replaced by (or, when absent, appended as) {@code section}, kept last. */
    static String withSection(String markdown, String section) {
        int at = markdown.indexOf("\n" + SECTION + "\n");
        String rest = markdown;
        if (at >= 0) {
            int next = markdown.indexOf("\n## ", at + 1 + SECTION.length());
            rest = markdown.substring(0, at + 1) + (next < 0 ? "" : markdown.substring(next + 1));
        }
        return rest.stripTrailing() + "\n\n" + section.stripTrailing() + "\n";
    }
}
