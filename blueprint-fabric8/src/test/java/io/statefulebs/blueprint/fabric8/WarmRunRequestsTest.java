package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.view.CleanupReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests of the real-tier benchmark's run (the StatefulSet variant, 3 replicas: deploy → awaitReady → verifyZone →
 * readFile → close) on one shared backend, counted by verb and resource on the backend's client. The second run is the
 * warm one (informers started, cluster-wide answers known): what each of many runs on one backend costs.
 */
class WarmRunRequestsTest {
    private static final String ZONE = "eu-west-2a";
    private static final String NODE = "ip-10-0-0-1." + ZONE;

    private MockCluster cluster;
    private KubernetesClient controllers;
    private KubernetesClient counted;
    private final Counter counter = new Counter();
    private Fabric8Backend backend;
    private Watch volumeReclaimer;
    private Watch garbageCollector;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        controllers = cluster.client();
        KarpenterFixture.installKarpenterAndDriver(controllers, 2);
        KarpenterFixture.create(controllers, KarpenterFixture.nodePool("default", Map.of("intent", "apps"), List.of(), null, true));
        controllers.nodes().resource(ClusterObjects.karpenterNode(NODE, ZONE)).create();
        // The benchmark's identity may do everything (cluster-wide informers); the mock server has no authorizer.
        cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
                .andReturn(201, new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(true).endStatus().build()).always();
        volumeReclaimer = controllers.persistentVolumeClaims().inAnyNamespace().watch(new VolumeReclaimer());
        garbageCollector = controllers.apps().statefulSets().inAnyNamespace().watch(new GarbageCollector());
        counted = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url())
                        .withNamespace("default").withRequestRetryBackoffLimit(0).build())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("warm-run-counter", counter)).build();
        backend = Fabric8Backend.builder().client(counted).build();
    }

    @AfterEach
    void stop() {
        backend.close();
        counted.close();
        volumeReclaimer.close();
        garbageCollector.close();
        cluster.close();
    }

    @Test
    void aWarmRunOnASharedBackendSendsOnlyItsOwnRequests() {
        runOnce("run-1");
        Map<String, Long> cold = counter.drain();
        runOnce("run-2");
        Map<String, Long> warm = counter.drain();
        System.out.println("cold run: " + total(cold) + " requests " + cold);
        System.out.println("warm run: " + total(warm) + " requests " + warm);

        assertThat(warm.keySet()).as("informers, access decisions and cluster-wide preflight reads are the backend's")
                .noneMatch(kind -> kind.startsWith("WATCH "))
                .doesNotContain("CREATE selfsubjectaccessreviews", "GET /version", "GET customresourcedefinitions",
                        "GET csidrivers", "GET daemonsets", "LIST nodepools");
        assertThat(warm).as("cleanup deletes on the list's resourceVersion: the StatefulSet is read once, by the ownership check")
                .containsEntry("GET statefulsets", 1L).containsEntry("DELETE statefulsets", 1L);
        assertThat(warm.keySet()).as("the run-id check, verifyZone, the pod readFile reads from, cleanup's lists and the claims'"
                        + " zones read what the shared informers watch").doesNotContain("GET persistentvolumes")
                .noneMatch(kind -> kind.startsWith("LIST "));
        assertThat(warm).as("readFile's exec is its WebSocket upgrade alone: no read of the pod, no list until it is ready")
                .containsEntry("EXEC pods", 1L).doesNotContainKey("GET pods");
        assertThat(counter.fieldSelectorLists).as("lists of one pod by name (fabric8's wait before an exec)").hasValue(0);
        assertThat(warm.keySet()).as("the StatefulSet's pods and claims are the garbage collector's to delete")
                .doesNotContain("DELETE pods", "DELETE persistentvolumeclaims");
        assertThat(total(warm)).isLessThanOrEqualTo(11);
    }

    /** The benchmark's runOnce, with this test playing the StatefulSet controller, the provisioner and the kubelet. */
    private void runOnce(String namespace) {
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().namespace(namespace).zone(ZONE).replicas(3)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).storage(st -> st.storageClassName("sc-" + namespace)).build();
        try (BlueprintRun run = blueprint.toBuilder().backend(backend).deploy()) {
            playStatefulSetController(namespace, blueprint.render().find("StatefulSet").orElseThrow());
            run.awaitReady(Duration.ofMinutes(1));
            run.verifyZone();
            assertThat(run.readFile().lines()).containsExactly("written");
            CleanupReport cleanup = run.cleanup();
            assertThat(cleanup.deleted()).as("the StatefulSet, its pods and claims (collected with it), the StorageClass")
                    .hasSize(8).anyMatch(ref -> ref.startsWith("Pod/")).anyMatch(ref -> ref.startsWith("PersistentVolumeClaim/"));
            assertThat(cleanup.remaining()).isEmpty();
        }
    }

    private void playStatefulSetController(String namespace, Manifest statefulSet) {
        JsonNode spec = statefulSet.body().path("spec");
        Map<String, String> podLabels = labels(spec.path("template").path("metadata").path("labels"));
        JsonNode claimTemplate = spec.path("volumeClaimTemplates").get(0);
        String template = claimTemplate.path("metadata").path("name").asText();
        String name = statefulSet.ref().name();
        // As the real controller: pods controlled by the StatefulSet, claims owned by it (whenDeleted: Delete).
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet").withName(name)
                .withUid(controllers.apps().statefulSets().inNamespace(namespace).withName(name).get().getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        for (int ordinal = 0; ordinal < spec.path("replicas").asInt(); ordinal++) {
            String claim = template + "-" + name + "-" + ordinal;
            String volume = "pv-" + namespace + "-" + ordinal;
            controllers.persistentVolumes().resource(new PersistentVolumeBuilder(ClusterObjects.ebsVolume(volume, ZONE))
                    .editSpec().withClaimRef(new ObjectReferenceBuilder().withNamespace(namespace).withName(claim).build())
                    .endSpec().build()).create();
            controllers.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withNamespace(namespace).withName(claim).withOwnerReferences(owner)
                    .withLabels(labels(claimTemplate.path("metadata").path("labels"))).endMetadata()
                    .withNewSpec().addToAccessModes("ReadWriteOnce").withStorageClassName("sc-" + namespace).withVolumeName(volume)
                    .withNewResources().addToRequests("storage", new Quantity("4Gi")).endResources().endSpec()
                    .withNewStatus().withPhase("Bound").endStatus().build()).create();
            String pod = name + "-" + ordinal;
            controllers.pods().inNamespace(namespace).resource(ClusterObjects.running(new PodBuilder(
                    ClusterObjects.pendingPod(namespace, pod, claim)).editMetadata().withLabels(podLabels).withOwnerReferences(owner)
                    .endMetadata().build(),
                    NODE)).create();
            cluster.server().expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod
                            + "/exec?command=cat&command=%2Fdata%2Fout.txt&stdout=true&stderr=true")
                    .andUpgradeToWebSocket().open(new OutputStreamMessage("written\n"), new StatusStreamMessage(0)).done().always();
        }
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The provisioner's reclaim policy Delete: a claim's volume goes with the claim. */
    private final class VolumeReclaimer implements Watcher<PersistentVolumeClaim> {
        @Override
        public void eventReceived(Action action, PersistentVolumeClaim claim) {
            if (action == Action.DELETED && claim.getSpec().getVolumeName() != null) {
                controllers.persistentVolumes().withName(claim.getSpec().getVolumeName()).delete();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    /** The garbage collector: a deleted StatefulSet's pods and claims go with it (background propagation). */
    private final class GarbageCollector implements Watcher<StatefulSet> {
        @Override
        public void eventReceived(Action action, StatefulSet set) {
            if (action != Action.DELETED) {
                return;
            }
            String namespace = set.getMetadata().getNamespace();
            String uid = set.getMetadata().getUid();
            controllers.pods().inNamespace(namespace).list().getItems().stream().filter(p -> ownedBy(p, uid))
                    .forEach(p -> controllers.pods().resource(p).delete());
            controllers.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream().filter(c -> ownedBy(c, uid))
                    .forEach(c -> controllers.persistentVolumeClaims().resource(c).delete());
        }

        private boolean ownedBy(HasMetadata object, String uid) {
            return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    /** Requests by verb and resource ({@code GET pods}, {@code LIST statefulsets}, {@code EXEC pods}), every attempt. */
    private static final class Counter implements Interceptor {
        private static final Pattern RESOURCE = Pattern.compile(
                "^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+(?=/[^/]+))?/([^/?]+)(/[^/?]+)?(/[^/?]+)?");
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final AtomicInteger fieldSelectorLists = new AtomicInteger();

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (String.valueOf(request.uri().getQuery()).contains("fieldSelector=metadata.name")) {
                fieldSelectorLists.incrementAndGet();
            }
            counts.computeIfAbsent(kind(request.method(), request.uri().getPath(), String.valueOf(request.uri().getQuery())),
                    k -> new LongAdder()).increment();
        }

        private static String kind(String method, String path, String query) {
            Matcher m = RESOURCE.matcher(path);
            if (!m.find()) {
                return method + " " + path;
            }
            String resource = m.group(1);
            boolean named = m.group(2) != null;
            if (m.group(3) != null && m.group(3).equals("/exec")) {
                return "EXEC " + resource;
            }
            return switch (method) {
                case "GET" -> query.contains("watch=true") ? "WATCH " + resource : (named ? "GET " : "LIST ") + resource;
                case "POST" -> "CREATE " + resource;
                default -> method + " " + resource;
            };
        }

        Map<String, Long> drain() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((k, v) -> copy.put(k, v.sumThenReset()));
            copy.values().removeIf(v -> v == 0);
            return copy;
        }
    }
}
