package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.error.WaitFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.WaitDiagnostics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backend against fabric8's mock server in CRUD mode: apply-less flows, views, scale, delete and waits. */
class Fabric8BackendCrudTest {
    private static final String NS = "blueprint";
    private static final Map<String, String> APP = Map.of("app", "stateful",
            OwnershipLabels.MANAGED_BY, OwnershipLabels.MANAGER);

    private MockCluster cluster;
    private Fabric8Backend backend;
    private final ExecutorService controller = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        backend = Fabric8Backend.builder().client(cluster.newClient()).build();
    }

    @AfterEach
    void stop() {
        controller.shutdownNow();
        backend.close();
        cluster.close();
    }

    private static Manifests manifests(String runId) {
        return StatefulEbsBlueprint.builder().namespace(NS).zone("eu-west-2a").runId(runId).replicas(2).build().render();
    }

    @Test
    void appliesTheBlueprintIdempotentlyAndListsItByOwnership() {
        Manifests manifests = manifests("run-1");
        manifests.items().forEach(backend::apply);
        manifests.items().forEach(backend::apply);

        assertThat(cluster.client().storage().v1().storageClasses().withName("storage-gp3").get().getParameters())
                .containsEntry("type", "gp3");
        Deployment deployment = cluster.client().apps().deployments().inNamespace(NS).withName("stateful").get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(backend.listLabelled(NS, OwnershipLabels.forRun("run-1"))).containsExactly(
                new ResourceRef("apps/v1", "Deployment", NS, "stateful"),
                ResourceRef.claim(NS, "ebs-claim"),
                ResourceRef.storageClass("storage-gp3"));
        assertThat(backend.listLabelled(NS, OwnershipLabels.forRun("another-run"))).isEmpty();
        manifests.items().forEach(m -> assertThat(backend.exists(m.ref())).as(m.ref().toString()).isTrue());
    }

    @Test
    void applyUpdatesAnExistingObject() {
        Manifest storageClass = manifests("run-1").find("StorageClass").orElseThrow();
        backend.apply(storageClass);
        ObjectNode changed = storageClass.body();
        ((ObjectNode) changed.path("metadata").path("labels")).put("team", "storage");
        backend.apply(new Manifest(storageClass.ref(), changed));

        assertThat(cluster.client().storage().v1().storageClasses().withName("storage-gp3").get().getMetadata().getLabels())
                .containsEntry("team", "storage");
    }

    @Test
    void applyOfSomethingThatIsNoObjectIsABackendException() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("kind", "StorageClass");
        assertThatThrownBy(() -> backend.apply(new Manifest(ResourceRef.storageClass("x"), body)))
                .isInstanceOf(BackendException.class).hasMessageStartingWith("apply StorageClass/x:");
    }

    @Test
    void deleteSaysWhetherTheObjectExisted() {
        manifests("run-1").items().forEach(backend::apply);
        ResourceRef claim = ResourceRef.claim(NS, "ebs-claim");

        assertThat(backend.delete(claim)).isTrue();
        assertThat(backend.exists(claim)).isFalse();
        assertThat(backend.delete(claim)).isFalse();
        assertThat(backend.delete(ResourceRef.storageClass("storage-gp3"))).isTrue();
    }

    @Test
    void scalesDeploymentsAndRefusesOtherKinds() {
        Manifests manifests = manifests("run-1");
        manifests.items().forEach(backend::apply);
        ResourceRef workload = manifests.find("Deployment").orElseThrow().ref();

        backend.scale(workload, 0);

        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("stateful").get().getSpec().getReplicas())
                .isZero();
        assertThatThrownBy(() -> backend.scale(new ResourceRef("apps/v1", "Deployment", NS, "missing"), 1))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("scale Deployment/blueprint/missing to 1");
        assertThatThrownBy(() -> backend.scale(ResourceRef.pod(NS, "p"), 1))
                .isInstanceOf(BackendException.class).hasMessageContaining("only Deployments and StatefulSets");
    }

    @Test
    void mapsNodesPodsClaimsEventsAndAttachments() {
        var client = cluster.client();
        client.nodes().resource(ClusterObjects.karpenterNode("ip-10-0-52-243", "eu-west-2a")).create();
        client.persistentVolumes().resource(ClusterObjects.ebsVolume("pvc-1", "eu-west-2a")).create();
        client.persistentVolumeClaims().inNamespace(NS).resource(boundClaim("ebs-claim", "pvc-1")).create();
        client.pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        client.pods().inNamespace(NS).resource(ClusterObjects.running(
                ClusterObjects.pendingPod(NS, "stateful-b", "ebs-claim"), "ip-10-0-52-243")).create();
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName("e1").endMetadata()
                .withType("Warning").withReason("FailedScheduling").withMessage("0/1 nodes are available")
                .withNewInvolvedObject().withKind("Pod").withName("stateful-a").endInvolvedObject()
                .withCount(3).withFirstTimestamp("2025-01-01T00:00:00Z").withLastTimestamp("2025-01-01T00:01:00Z")
                .withNewSource().withComponent("default-scheduler").endSource().build()).create();
        client.storage().v1().volumeAttachments().resource(new VolumeAttachmentBuilder().withNewMetadata().withName("csi-1")
                .endMetadata().withNewSpec().withAttacher("ebs.csi.aws.com").withNodeName("ip-10-0-52-243")
                .withNewSource().withPersistentVolumeName("pvc-1").endSource().endSpec()
                .withNewStatus().withAttached(true).endStatus().build()).create();

        NodeView node = backend.nodes().get(0);
        assertThat(backend.nodes()).containsExactly(new NodeView("ip-10-0-52-243", "eu-west-2a", "m7g.xlarge", "spot",
                "default", true, true, node.kubeletVersion(), node.createdAt(), node.labels()));
        ClaimView claim = backend.claim(NS, "ebs-claim").orElseThrow();
        assertThat(claim).isEqualTo(new ClaimView(NS, "ebs-claim", "Bound", "pvc-1", "4Gi", "4Gi",
                List.of("ReadWriteOnce"), "storage-gp3", "eu-west-2a", claim.createdAt()));
        assertThat(claim.createdAt()).isAfter(java.time.Instant.EPOCH);
        List<PodView> pods = backend.pods(NS, APP);
        assertThat(pods).extracting(PodView::name, PodView::phase, PodView::ready, PodView::node, PodView::reason,
                        PodView::restarts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("stateful-a", "Pending", false, "", "Unschedulable", 0),
                        org.assertj.core.groups.Tuple.tuple("stateful-b", "Running", true, "ip-10-0-52-243", "", 1));
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.claimNames()).containsExactly("ebs-claim");
            assertThat(p.createdAt()).isNotNull();
        });
        assertThat(backend.pods(NS, Map.of("app", "other"))).isEmpty();
        assertThat(backend.events(NS)).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.about("Pod", "stateful-a")).isTrue();
            assertThat(e.count()).isEqualTo(3);
            assertThat(e.source()).isEqualTo("default-scheduler");
        });
        assertThat(backend.volumeAttachments()).singleElement()
                .satisfies(a -> assertThat(a.volumeName()).isEqualTo("pvc-1"))
                .satisfies(a -> assertThat(a.attached()).isTrue());
    }

    @Test
    void execInAMissingPodIsNotFound() {
        assertThatThrownBy(() -> backend.exec(NS, "gone", List.of("cat", "/data/out.txt")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("gone");
    }

    @Test
    void awaitRidesOnOneListAndOneWatchWhileAnotherThreadPlaysTheControllers() throws Exception {
        var client = cluster.client();
        Pod pod = client.pods().inNamespace(NS).resource(ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim")).create();
        cluster.drainRequests();
        CompletableFuture<Void> controllers = CompletableFuture.runAsync(() -> {
            cluster.awaitWatch("/api/v1/namespaces/" + NS + "/pods");
            client.nodes().resource(ClusterObjects.karpenterNode("n1", "eu-west-2a")).create();
            Pod touched = client.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder(pod)
                    .editMetadata().addToLabels("touched", "1").endMetadata().build()).update();
            client.pods().inNamespace(NS).resource(ClusterObjects.running(touched, "n1")).update();
        }, controller);

        List<PodView> running = Waiter.await(backend, Wait.until("stateful-a Running", Duration.ofMinutes(1), view -> {
            List<PodView> pods = view.pods(NS, APP);
            return pods.stream().allMatch(PodView::running) ? Verdict.satisfied(pods) : Verdict.pending("not running");
        }));
        controllers.get(1, TimeUnit.MINUTES);

        assertThat(running).extracting(PodView::node).containsExactly("n1");
        List<RecordedRequest> backendReads = cluster.drainRequests().stream().filter(r -> r.getMethod().equals("GET")).toList();
        assertThat(backendReads).extracting(RecordedRequest::getPath).satisfiesExactly(
                list -> assertThat(list).startsWith("/api/v1/namespaces/" + NS + "/pods").doesNotContain("watch=true"),
                watch -> assertThat(watch).startsWith("/api/v1/namespaces/" + NS + "/pods").contains("watch=true"));
    }

    @Test
    void aSecondWaitOnTheSameResourcesSendsNoRequest() {
        cluster.client().pods().inNamespace(NS).resource(ClusterObjects.running(
                ClusterObjects.pendingPod(NS, "stateful-a", "ebs-claim"), "n1")).create();
        Wait<Integer> podCount = Wait.until("one pod", Duration.ofMinutes(1),
                view -> Verdict.satisfied(view.pods(NS, APP).size()));
        Waiter.await(backend, podCount);
        cluster.drainRequests();

        assertThat(Waiter.await(backend, podCount)).isEqualTo(1);
        assertThat(backend.exists(ResourceRef.pod(NS, "stateful-a"))).isTrue();
        assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath)
                .containsExactly("/api/v1/namespaces/" + NS + "/pods/stateful-a");
    }

    @Test
    void awaitSeesDeletionsAndClusterScopedKinds() throws Exception {
        manifests("run-1").items().forEach(backend::apply);
        ResourceRef storageClass = ResourceRef.storageClass("storage-gp3");
        cluster.drainRequests();
        CompletableFuture<Void> deletion = CompletableFuture.runAsync(() -> {
            cluster.awaitWatch("/apis/storage.k8s.io/v1/storageclasses");
            cluster.client().storage().v1().storageClasses().withName("storage-gp3").delete();
        }, controller);

        Waiter.await(backend, Wait.<Void>until("StorageClass gone", Duration.ofMinutes(1),
                view -> view.exists(storageClass) ? Verdict.pending("still there") : Verdict.satisfied(null)));

        deletion.get(1, TimeUnit.MINUTES);
        assertThat(backend.exists(storageClass)).isFalse();
    }

    @Test
    void awaitTimesOutWithTheLastReason() {
        assertThatThrownBy(() -> Waiter.await(backend, Wait.until("a claim", Duration.ofMillis(200),
                view -> view.claim(NS, "ebs-claim").map(Verdict::satisfied).orElse(Verdict.pending("no claim ebs-claim")))
                .diagnosedBy(view -> new WaitDiagnostics(List.of(), view.claims(NS, Map.of()), List.of()))))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("waiting for a claim: no claim ebs-claim")
                .hasMessageContaining("claims: none");
    }

    @Test
    void awaitEndsAtOnceOnATerminalVerdict() {
        assertThatThrownBy(() -> Waiter.await(backend, Wait.until("nodes", Duration.ofMinutes(10),
                view -> Verdict.failed("no NodePool in " + view.nodes().size() + " nodes"))))
                .isInstanceOf(WaitFailedException.class).hasMessageContaining("no NodePool in 0 nodes");
    }

    @Test
    void awaitHonoursInterrupts() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Waiter.await(backend, Wait.until("forever", Duration.ofMinutes(10),
                    view -> Verdict.pending("pods: " + view.pods(NS, APP).size()))))
                    .isInstanceOf(BlueprintInterruptedException.class).hasMessageContaining("forever");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void closeStopsInformersAndLeavesTheCallersClientOpen() {
        var own = cluster.newClient();
        Fabric8Backend borrowed = Fabric8Backend.builder().client(own).build();
        Waiter.await(borrowed, Wait.until("nodes", Duration.ofMinutes(1), view -> Verdict.satisfied(view.nodes())));
        borrowed.close();

        assertThat(own.nodes().list().getItems()).isEmpty();
        assertThatThrownBy(() -> Waiter.await(borrowed, Wait.until("pods", Duration.ofMinutes(1),
                view -> Verdict.satisfied(view.pods(NS, APP))))).isInstanceOf(BackendException.class)
                .hasMessageContaining("closed");
    }

    private static PersistentVolumeClaim boundClaim(String name, String volume) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(NS).withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("storage-gp3").withVolumeName(volume)
                .withNewResources().addToRequests("storage", new Quantity("4Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Bound").addToCapacity("storage", new Quantity("4Gi")).endStatus().build();
    }

    /**
     * The backend's informers are shared by its runs and cache what the runs own: a run's wait on a warm backend sends no
     * LIST or WATCH, other runs' and unrelated objects are picked out in memory or never cached.
     */
    @Nested
    class SharedInformers {
        @Test
        void anotherRunsFirstWaitOnAWarmBackendSendsNoListOrWatchAndSeesOnlyItsPods() {
            createPod("stateful-a", "run-1");
            createPod("stateful-b", "run-2");
            assertThat(await(podsOf("run-1"))).extracting(PodView::name).containsExactly("stateful-a");
            cluster.drainRequests();

            List<PodView> second = await(podsOf("run-2"));

            assertThat(second).extracting(PodView::name).containsExactly("stateful-b");
            assertThat(cluster.drainRequests()).as("requests of the second run's first wait").isEmpty();
        }

        @Test
        void podsTheLibraryDoesNotManageAreNeverListedByTheRunsInformer() {
            createPod("stateful-a", "run-1");
            cluster.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("someone-elses")
                    .addToLabels("app", "stateful").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
                    .endContainer().endSpec().build()).create();
            cluster.drainRequests();

            await(podsOf("run-1"));

            assertThat(cluster.drainRequests()).extracting(RecordedRequest::getPath)
                    .filteredOn(path -> path.startsWith("/api/v1/namespaces/" + NS + "/pods"))
                    .isNotEmpty().allSatisfy(path -> assertThat(path).contains(ClusterObjects.MANAGED_QUERY));
        }

        @Test
        void eventsAboutOtherObjectsAreNotCachedAndOnesAboutARunsPodAre() {
            createPod("stateful-a", "run-1");
            event("about-unrelated", "Pod", "unrelated-pod");
            event("about-run", "Pod", "stateful-a");

            List<EventView> events = await(Wait.until("the run's pod's event", Duration.ofMinutes(1), view -> {
                view.pods(NS, run("run-1"));
                List<EventView> seen = view.events(NS);
                return seen.isEmpty() ? Verdict.pending("no event yet") : Verdict.satisfied(seen);
            }));

            assertThat(events).extracting(EventView::objectName).containsExactly("stateful-a");
        }

        @Test
        void anEventAheadOfItsPodIsKeptOnceThePodIsSeen() {
            event("early", "Pod", "stateful-late");
            await(Wait.until("events read", Duration.ofMinutes(1), view -> Verdict.satisfied(view.events(NS))));

            createPod("stateful-late", "run-1");
            List<EventView> events = await(Wait.until("the early event", Duration.ofMinutes(1), view -> {
                List<EventView> seen = view.events(NS);
                return seen.isEmpty() ? Verdict.pending("not yet") : Verdict.satisfied(seen);
            }));

            assertThat(events).extracting(EventView::objectName).containsExactly("stateful-late");
        }

        @Test
        void onlyVolumesBoundToARunsClaimAreCached() {
            cluster.client().persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("ebs-claim").addToLabels(run("run-1")).endMetadata()
                    .withNewSpec().withVolumeName("pvc-own").endSpec().build()).create();
            cluster.client().persistentVolumes().resource(boundTo("pvc-own", "ebs-claim")).create();
            cluster.client().persistentVolumes().resource(boundTo("pvc-other", "someone-elses-claim")).create();

            Map<String, Boolean> cached = await(Wait.until("volumes", Duration.ofMinutes(1), view -> {
                boolean own = view.claim(NS, "ebs-claim").map(c -> !c.zone().isEmpty()).orElse(false);
                return own ? Verdict.satisfied(Map.of("pvc-own", view.exists(volume("pvc-own")),
                        "pvc-other", view.exists(volume("pvc-other")))) : Verdict.pending("volume not seen yet");
            }));

            assertThat(cached).containsEntry("pvc-own", true).containsEntry("pvc-other", false);
        }

        @Test
        void aRunsVolumeStaysCachedAfterItsClaimIsDeletedUntilItIsDeleted() {
            cluster.client().persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName("ebs-claim").addToLabels(run("run-1")).endMetadata()
                    .withNewSpec().withVolumeName("pvc-own").endSpec().build()).create();
            cluster.client().persistentVolumes().resource(boundTo("pvc-own", "ebs-claim")).create();
            await(Wait.until("the volume", Duration.ofMinutes(1), view -> view.claim(NS, "ebs-claim")
                    .filter(c -> !c.zone().isEmpty()).map(Verdict::satisfied).orElse(Verdict.pending("not seen"))));

            cluster.client().persistentVolumeClaims().inNamespace(NS).withName("ebs-claim").delete();
            boolean volumeCachedOnceClaimGone = await(Wait.until("claim gone", Duration.ofMinutes(1), view ->
                    view.claim(NS, "ebs-claim").isPresent() ? Verdict.pending("claim there") : Verdict.satisfied(view.exists(volume("pvc-own")))));
            cluster.client().persistentVolumes().withName("pvc-own").delete();
            boolean volumeGone = await(Wait.until("volume gone", Duration.ofMinutes(1), view ->
                    view.exists(volume("pvc-own")) ? Verdict.pending("volume there") : Verdict.satisfied(true)));

            assertThat(volumeCachedOnceClaimGone).as("cached after its claim went").isTrue();
            assertThat(volumeGone).isTrue();
        }

        private io.statefulebs.blueprint.spi.ResourceRef volume(String name) {
            return io.statefulebs.blueprint.spi.ResourceRef.persistentVolume(name);
        }

        private PersistentVolume boundTo(String name, String claim) {
            return new PersistentVolumeBuilder(ClusterObjects.ebsVolume(name, "eu-west-2a")).editSpec()
                    .withClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim").withNamespace(NS).withName(claim).build())
                    .endSpec().build();
        }

        private void createPod(String name, String runId) {
            cluster.client().pods().inNamespace(NS).resource(new PodBuilder(ClusterObjects.pendingPod(NS, name, "ebs-claim"))
                    .editMetadata().addToLabels(OwnershipLabels.RUN_ID, runId).endMetadata().build()).create();
        }

        private void event(String name, String kind, String object) {
            cluster.client().v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName(name).endMetadata()
                    .withNewInvolvedObject().withKind(kind).withNamespace(NS).withName(object).endInvolvedObject()
                    .withReason("Test").withMessage(name).withType("Normal").build()).create();
        }

        private Map<String, String> run(String runId) {
            return OwnershipLabels.forRun(runId);
        }

        private Wait<List<PodView>> podsOf(String runId) {
            return Wait.until("pods of " + runId, Duration.ofMinutes(1), view -> {
                List<PodView> pods = view.pods(NS, run(runId));
                return pods.isEmpty() ? Verdict.pending("no pod") : Verdict.satisfied(pods);
            });
        }

        private <T> T await(Wait<T> wait) {
            return Waiter.await(backend, wait);
        }
    }
}
