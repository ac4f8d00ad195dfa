package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.error.WaitFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.render.ManifestRenderer;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.BoundedCalls;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.spi.NodeRepair;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checks every {@link ClusterBackend} must pass: the core SPI, and each optional capability the backend offers
 * ({@link NodeRepair}, {@link ClusterChecks}, {@link ZoneSource}, {@link BoundedCalls}; a capability the backend lacks
 * shows as a skipped test). A backend module subclasses it in its tests and supplies a fresh backend per test plus
 * the {@link ClusterActors} its cluster lacks.
 */
public abstract class ClusterBackendContract {
    /** The zone the contract's blueprints are pinned to. */
    protected static final String ZONE = "eu-west-2a";
    /** How long the contract's waits may last. */
    protected static final Duration WAIT = Duration.ofMinutes(5);
    private final ExecutorService actorThread = Executors.newSingleThreadExecutor();

    /**
     * A backend on an empty cluster (the same instance for the whole test).
     *
     * @return the backend under test
     */
    protected abstract ClusterBackend backend();

    /** {@return the controllers the backend's cluster lacks, or {@link ClusterActors#none()}} */
    protected abstract ClusterActors actors();

    /**
     * The namespace the contract works in; must exist on the cluster.
     *
     * @return the namespace
     */
    protected String namespace() {
        return "default";
    }

    @AfterEach
    void stopActors() {
        actorThread.shutdownNow();
    }

    /**
     * A blueprint in {@link #namespace()} and {@link #ZONE} whose object names carry {@code runId}.
     *
     * @param runId the run id
     * @return the blueprint
     */
    protected StatefulEbsBlueprint blueprint(String runId) {
        return StatefulEbsBlueprint.builder().namespace(namespace()).zone(ZONE).runId(runId)
                .storage(s -> s.storageClassName("sc-" + runId).claimName("claim-" + runId))
                .workload(w -> w.name("app-" + runId))
                .build();
    }

    /**
     * Applies a blueprint's manifests on the backend.
     *
     * @param blueprint the blueprint
     * @return the applied manifests
     */
    protected Manifests applyAll(StatefulEbsBlueprint blueprint) {
        Manifests manifests = blueprint.render();
        manifests.items().forEach(backend()::apply);
        return manifests;
    }

    private Map<String, String> podLabels(StatefulEbsBlueprint blueprint) {
        Map<String, String> labels = new LinkedHashMap<>(ManifestRenderer.podSelector(blueprint.workload()));
        labels.putAll(OwnershipLabels.forRun(blueprint.runId()));
        return labels;
    }

    private Future<?> act(Runnable action) {
        return actorThread.submit(action);
    }

    @Test
    void applyCreatesEveryObjectAndIsIdempotent() {
        StatefulEbsBlueprint blueprint = blueprint("c1");
        Manifests manifests = applyAll(blueprint);
        manifests.items().forEach(backend()::apply);

        for (Manifest m : manifests.items()) {
            assertThat(backend().exists(m.ref())).as("%s exists", m.ref()).isTrue();
        }
        assertThat(backend().listLabelled(namespace(), OwnershipLabels.forRun("c1")))
                .containsAll(manifests.items().stream().map(Manifest::ref).toList());
    }

    @Test
    void listLabelledSeparatesRuns() {
        applyAll(blueprint("c2a"));
        Manifests other = applyAll(blueprint("c2b"));

        List<ResourceRef> listed = backend().listLabelled(namespace(), OwnershipLabels.forRun("c2b"));

        assertThat(listed).containsAll(other.items().stream().map(Manifest::ref).toList());
        assertThat(listed).noneMatch(ref -> ref.name().contains("c2a"));
    }

    @Test
    void theWatchedViewShowsWhatAWaitSawAppearAndGo() {
        Manifests manifests = applyAll(blueprint("c2w"));
        List<ResourceRef> written = manifests.items().stream().map(Manifest::ref).toList();
        Map<String, String> run = OwnershipLabels.forRun("c2w");
        Waiter.await(backend(), Wait.until("the run's objects", WAIT, cluster -> written.stream().allMatch(cluster::exists)
                ? Verdict.satisfied(null) : Verdict.pending("not all created yet")));

        assertThat(backend().watchedView().listLabelled(namespace(), run)).containsAll(written);
        assertThat(backend().watchedView().listLabelledMetadata(namespace(), run).keySet()).containsAll(written);

        written.forEach(backend()::delete);
        Waiter.await(backend(), Wait.until("the run's objects gone", WAIT, cluster -> written.stream().noneMatch(cluster::exists)
                ? Verdict.satisfied(null) : Verdict.pending("not all deleted yet")));
        assertThat(backend().watchedView().listLabelled(namespace(), run)).doesNotContainAnyElementsOf(written);
    }

    @Test
    void awaitReturnsOnceAnotherThreadMakesTheConditionTrue() throws Exception {
        StatefulEbsBlueprint blueprint = blueprint("c3");
        applyAll(blueprint);
        String claim = blueprint.storage().claimName();
        Future<?> binding = act(() -> {
            actors().bindClaim(namespace(), claim, ZONE);
            actors().runPods(namespace(), podLabels(blueprint), blueprint.workload().replicas(), ZONE);
        });

        ClaimView bound = Waiter.await(backend(), Wait.until("claim " + claim + " Bound", WAIT, cluster -> cluster
                .claim(namespace(), claim).filter(ClaimView::bound)
                .<Verdict<ClaimView>>map(Verdict::satisfied)
                .orElseGet(() -> Verdict.pending("claim not bound"))));

        binding.get(1, TimeUnit.MINUTES);
        assertThat(bound.name()).isEqualTo(claim);
        assertThat(bound.zone()).isEqualTo(ZONE);
        assertThat(bound.capacity()).isEqualTo("4Gi");
        assertThat(bound.requested()).isEqualTo("4Gi");
        assertThat(bound.accessModes()).containsExactly("ReadWriteOnce");
        assertThat(bound.storageClass()).isEqualTo("sc-c3");
        assertThat(bound.volumeName()).isNotEmpty();
    }

    @Test
    void podsAndNodesAreTypedViews() throws Exception {
        StatefulEbsBlueprint blueprint = blueprint("c4");
        applyAll(blueprint);
        int replicas = blueprint.workload().replicas();
        Future<?> running = act(() -> {
            actors().bindClaim(namespace(), blueprint.storage().claimName(), ZONE);
            actors().runPods(namespace(), podLabels(blueprint), replicas, ZONE);
        });

        List<PodView> pods = Waiter.await(backend(), Wait.until(replicas + " pods running", WAIT, cluster -> {
            List<PodView> all = cluster.pods(namespace(), podLabels(blueprint));
            long up = all.stream().filter(PodView::running).count();
            return up == replicas ? Verdict.satisfied(all) : Verdict.pending(up + " running");
        }));
        running.get(1, TimeUnit.MINUTES);

        assertThat(pods).hasSize(replicas).allSatisfy(p -> {
            assertThat(p.namespace()).isEqualTo(namespace());
            assertThat(p.node()).isNotEmpty();
            assertThat(p.labels()).containsAllEntriesOf(podLabels(blueprint));
            assertThat(p.claimNames()).contains(blueprint.storage().claimName());
        });
        List<String> podNodes = pods.stream().map(PodView::node).distinct().toList();
        List<NodeView> nodes = backend().nodes().stream().filter(n -> podNodes.contains(n.name())).toList();
        assertThat(nodes).isNotEmpty().allSatisfy(n -> {
            assertThat(n.zone()).isEqualTo(ZONE);
            assertThat(n.nodePool()).isEqualTo("default");
            assertThat(n.capacityType()).isIn("spot", "on-demand");
            assertThat(n.instanceType()).isNotEmpty();
            assertThat(n.ready()).isTrue();
        });
    }

    @Test
    void awaitEndsAtOnceOnATerminalVerdict() {
        assertThatThrownBy(() -> Waiter.await(backend(), Wait.<String>until("the impossible", WAIT,
                cluster -> Verdict.failed("no NodePool fits"))))
                .isInstanceOf(WaitFailedException.class)
                .hasMessageContaining("the impossible")
                .hasMessageContaining("no NodePool fits");
    }

    @Test
    void awaitTimesOutWithTheLastReason() {
        assertThatThrownBy(() -> Waiter.await(backend(), Wait.<String>until("something that never happens", Duration.ofMillis(300),
                cluster -> Verdict.pending("still nothing"))))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("something that never happens")
                .hasMessageContaining("still nothing");
    }

    @Test
    void awaitHonoursInterrupts() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                Waiter.await(backend(), Wait.<String>until("an interrupt", WAIT, cluster -> Verdict.pending("waiting")));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.start();
        waiter.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(outcome.get(1, TimeUnit.SECONDS))
                .isInstanceOf(io.statefulebs.blueprint.error.BlueprintInterruptedException.class);
    }

    @Test
    void deleteReportsWhetherTheObjectExisted() {
        ResourceRef storageClass = ResourceRef.storageClass("sc-c5");
        applyAll(blueprint("c5"));

        assertThat(backend().delete(storageClass)).isTrue();
        Waiter.await(backend(), Wait.until("StorageClass deleted", WAIT, cluster -> cluster.exists(storageClass)
                ? Verdict.pending("still there") : Verdict.satisfied(true)));
        assertThat(backend().delete(storageClass)).isFalse();
    }

    @Test
    void scaleSetsTheReplicaCount() throws Exception {
        StatefulEbsBlueprint blueprint = blueprint("c6");
        applyAll(blueprint);

        backend().scale(ManifestRenderer.workloadRef(blueprint.namespace(), blueprint.workload()), 1);
        Future<?> running = act(() -> {
            actors().bindClaim(namespace(), blueprint.storage().claimName(), ZONE);
            actors().runPods(namespace(), podLabels(blueprint), 1, ZONE);
        });

        List<PodView> pods = Waiter.await(backend(), Wait.until("1 pod running", WAIT, cluster -> {
            List<PodView> all = cluster.pods(namespace(), podLabels(blueprint));
            return all.size() == 1 && all.get(0).running() ? Verdict.satisfied(all) : Verdict.pending(all.size() + " pods");
        }));
        running.get(1, TimeUnit.MINUTES);
        assertThat(pods).hasSize(1);
    }

    @Test
    void execInAMissingPodIsNotFound() {
        assertThatThrownBy(() -> backend().exec(namespace(), "no-such-pod", List.of("cat", "/data/out.txt")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-pod");
    }

    @Test
    void readsAreSafeFromManyThreads() throws Exception {
        StatefulEbsBlueprint blueprint = blueprint("c7");
        applyAll(blueprint);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(readers.submit(() -> {
                    int seen = 0;
                    for (int j = 0; j < 25; j++) {
                        seen += backend().nodes().size() + backend().pods(namespace(), Map.of()).size()
                                + backend().claim(namespace(), blueprint.storage().claimName()).stream().count();
                    }
                    return seen;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(1, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(25);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void theClockMovesForward() {
        Instant first = backend().clock().instant();
        assertThatThrownBy(() -> Waiter.await(backend(), Wait.<String>until("time to pass", Duration.ofMillis(200),
                cluster -> Verdict.pending("waiting")))).isInstanceOf(WaitTimedOutException.class);
        assertThat(backend().clock().instant()).isAfterOrEqualTo(first.plusMillis(200));
    }
    @Test
    void eventsAndAttachmentsAreTypedViews() {
        applyAll(blueprint("c8"));

        assertThat(backend().events(namespace())).allSatisfy(e -> {
            assertThat(e.reason()).isNotEmpty();
            assertThat(e.type()).isIn("Normal", "Warning");
        });
        assertThat(backend().volumeAttachments()).allSatisfy(a -> assertThat(a.name()).isNotEmpty());
    }

    @Test
    void changesFeedMovesOnAWrite() throws Exception {
        Instant deadline = backend().clock().instant().plus(WAIT);
        try (ClusterChanges changes = backend().changes("the contract's write", deadline)) {
            assertThat(changes.deadline()).isBeforeOrEqualTo(deadline);
            // A wait reads before it blocks: a backend may start watching what is read here.
            assertThat(changes.view().claims(namespace(), OwnershipLabels.forRun("c9"))).isEmpty();
            long before = changes.version();
            applyAll(blueprint("c9"));

            assertThat(changes.awaitChange(before, deadline)).as("a change before the deadline").isTrue();
            assertThat(changes.version()).isNotEqualTo(before);
        }
    }

    @Test
    void nodeRepairReportsWhatIsMissing() {
        assumeTrue(backend() instanceof NodeRepair, "backend " + backend().name() + " offers no NodeRepair");
        NodeRepair repair = (NodeRepair) backend();

        assertThat(repair.deleteVolumeAttachment("csi-no-such-attachment")).isFalse();
        assertThatThrownBy(() -> repair.taintNode("no-such-node", "node.kubernetes.io/out-of-service", "nodeshutdown", "NoExecute"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-node");
    }

    @Test
    void clusterChecksFindAMissingCsiDriver() {
        assumeTrue(backend() instanceof ClusterChecks, "backend " + backend().name() + " offers no ClusterChecks");
        ClusterChecks checks = (ClusterChecks) backend();
        StatefulEbsBlueprint blueprint = blueprint("c10");

        List<Finding> findings = checks.preflight(new PreflightRequest(namespace(), blueprint.render().items(),
                "no-such-driver.example.com", blueprint.workload().nodeSelector()));

        assertThat(findings).anySatisfy(f -> {
            assertThat(f.toString()).contains("no-such-driver.example.com");
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.fix()).isNotEmpty();
        });
        assertThat(checks.nodePools()).allSatisfy(pool -> assertThat(pool.name()).isNotEmpty());
    }

    @Test
    void inventoryShowsARunsPodsClaimVolumeAndStorageClass() throws Exception {
        assumeTrue(backend() instanceof ClusterInventory, "backend " + backend().name() + " offers no ClusterInventory");
        StatefulEbsBlueprint blueprint = blueprint("c-inv");
        applyAll(blueprint);
        String claim = blueprint.storage().claimName();
        int replicas = blueprint.workload().replicas();
        Future<?> running = act(() -> {
            actors().bindClaim(namespace(), claim, ZONE);
            actors().runPods(namespace(), podLabels(blueprint), replicas, ZONE);
        });
        Waiter.await(backend(), Wait.until(replicas + " pods running", WAIT, cluster -> {
            long up = cluster.pods(namespace(), podLabels(blueprint)).stream().filter(PodView::running).count();
            return up == replicas ? Verdict.satisfied(up) : Verdict.pending(up + " running");
        }));
        running.get(1, TimeUnit.MINUTES);

        Inventory inventory = ((ClusterInventory) backend()).inventory(InventoryScope.namespace(namespace()));

        assertThat(inventory.scope()).isEqualTo(InventoryScope.namespace(namespace()));
        assertThat(inventory.pods()).filteredOn(p -> p.pod().labels().entrySet().containsAll(podLabels(blueprint).entrySet()))
                .hasSize(replicas).allSatisfy(p -> {
                    assertThat(p.pod().claimNames()).contains(claim);
                    assertThat(inventory.node(p.pod().node())).isPresent();
                });
        ClaimView bound = inventory.claim(namespace(), claim).orElseThrow();
        assertThat(bound.bound()).isTrue();
        assertThat(inventory.volume(bound.volumeName())).hasValueSatisfying(v -> {
            assertThat(v.zone()).isEqualTo(ZONE);
            assertThat(v.claimName()).isEqualTo(claim);
        });
        assertThat(inventory.storageClass("sc-c-inv")).hasValueSatisfying(sc -> {
            assertThat(sc.provisioner()).isEqualTo(blueprint.storage().provisioner());
            assertThat(sc.waitsForFirstConsumer()).isTrue();
            assertThat(sc.allowedTopologies()).singleElement().satisfies(r -> assertThat(r.values()).containsExactly(ZONE));
        });
    }

    @Test
    void zonesAreSortedAndInOneRegion() {
        assumeTrue(backend() instanceof ZoneSource, "backend " + backend().name() + " offers no ZoneSource");
        List<AvailabilityZone> zones = ((ZoneSource) backend()).availableZones();

        assertThat(zones).isNotEmpty().isSortedAccordingTo(java.util.Comparator.comparing(AvailabilityZone::name));
        assertThat(zones.stream().map(AvailabilityZone::region).distinct()).hasSize(1);
    }

    @Test
    void boundedCallsEndAtTheirDeadline() {
        assumeTrue(backend() instanceof BoundedCalls, "backend " + backend().name() + " never blocks (no BoundedCalls)");
        ClusterBackend bounded = ((BoundedCalls) backend()).within(backend().clock().instant().plusMillis(300));

        assertThatThrownBy(() -> Waiter.await(bounded, Wait.<String>until("past the step's deadline", WAIT,
                cluster -> Verdict.pending("waiting"))))
                .isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("past the step's deadline");
        assertThat(bounded).isInstanceOfSatisfying(ClusterBackend.class, b -> assertThat(b.name()).isEqualTo(backend().name()));
        assertThat(bounded instanceof NodeRepair).as("the bounded view keeps NodeRepair").isEqualTo(backend() instanceof NodeRepair);
        assertThat(bounded instanceof ClusterChecks).as("the bounded view keeps ClusterChecks").isEqualTo(backend() instanceof ClusterChecks);
    }
    @Test
    void createRefusesAnObjectThatExists() {
        Manifest storageClass = blueprint("c11").render().find("StorageClass").orElseThrow();
        backend().create(storageClass);

        assertThatThrownBy(() -> backend().create(storageClass))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CONFLICT));
        assertThat(backend().metadata(storageClass.ref())).hasValueSatisfying(m ->
                assertThat(m.labels()).containsAllEntriesOf(OwnershipLabels.forRun("c11")));
    }

    @Test
    void metadataShowsLabelsAndAResourceVersionThatMovesOnAWrite() {
        StatefulEbsBlueprint blueprint = blueprint("c12");
        applyAll(blueprint);
        ResourceRef workload = ManifestRenderer.workloadRef(blueprint.namespace(), blueprint.workload());
        ObjectMetadata before = backend().metadata(workload).orElseThrow();

        backend().scale(workload, 2);

        ObjectMetadata after = backend().metadata(workload).orElseThrow();
        assertThat(before.labels()).containsAllEntriesOf(OwnershipLabels.forRun("c12"));
        assertThat(after.resourceVersion()).isNotEqualTo(before.resourceVersion());
        assertThat(backend().metadata(ResourceRef.storageClass("sc-no-such-run"))).isEmpty();
    }

    /**
     * Whether the cluster enforces a delete's resourceVersion precondition. Only a stand-in that ignores preconditions
     * (fabric8's mock server in CRUD mode) answers false; the conditional delete is then proven on a real API server.
     *
     * @return whether delete preconditions are enforced
     */
    protected boolean enforcesDeletePreconditions() {
        return true;
    }

    @Test
    void aDeleteConditionalOnAStaleResourceVersionIsRefused() {
        assumeTrue(enforcesDeletePreconditions(), "this cluster ignores delete preconditions; the real tier proves them");
        StatefulEbsBlueprint blueprint = blueprint("c13");
        applyAll(blueprint);
        ResourceRef workload = ManifestRenderer.workloadRef(blueprint.namespace(), blueprint.workload());
        String stale = backend().metadata(workload).orElseThrow().resourceVersion();
        backend().scale(workload, 2);

        assertThatThrownBy(() -> backend().delete(workload, stale))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.CONFLICT));
        assertThat(backend().exists(workload)).isTrue();
        assertThat(deleteAtCurrentVersion(workload)).isTrue();
    }

    /**
     * A delete at the resourceVersion just read; on a real cluster the workload's controller may still write its status
     * between the read and the delete (a 409), so it is read again, a few times at most.
     */
    private boolean deleteAtCurrentVersion(ResourceRef ref) {
        for (int attempt = 1; ; attempt++) {
            try {
                return backend().delete(ref, backend().metadata(ref).orElseThrow().resourceVersion());
            } catch (BackendException e) {
                if (e.kind() != BackendException.Kind.CONFLICT || attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
