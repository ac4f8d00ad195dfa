package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.AccessDenial;
import io.statefulebs.blueprint.spi.AccessReview;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.NodeRepair;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A step the identity may not finish is refused before its first write, naming what is missing. */
class AccessChecksTest {
    private final SimulatedCluster cluster = new SimulatedCluster();

    @Test
    void aRecoveryWithoutTheRecoveryRoleIsRefusedBeforeAnythingChanges() {
        Restricted backend = new Restricted(cluster, Set.of("delete VolumeAttachment"));
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(backend).deploy()) {
            run.awaitReady();
            cluster.loseNode(run.nodes().get(0).name());
            cluster.advance(Duration.ofMinutes(3));
            List<VolumeAttachmentView> attachments = cluster.volumeAttachments();
            assertThat(run.diagnoseMultiAttach()).isNotEmpty();

            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(10)))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.verb()).isEqualTo("delete");
                        assertThat(e.resource()).isEqualTo("volumeattachments.storage.k8s.io");
                        assertThat(e.namespace()).isEmpty();
                    })
                    .hasMessageStartingWith("recover by DELETE_STALE_ATTACHMENT: forbidden: the identity's RBAC lacks 'delete' on"
                            + " 'volumeattachments.storage.k8s.io' (cluster-wide) (role recovery); nothing was changed");

            assertThat(backend.repairs).isEmpty();
            assertThat(cluster.volumeAttachments()).isEqualTo(attachments);
            assertThat(run.diagnoseMultiAttach()).isNotEmpty();
        }
    }

    @Test
    void aDeployThatCouldNotCreateItsStorageClassCreatesNothing() {
        Restricted backend = new Restricted(cluster, Set.of("create StorageClass", "delete StorageClass"));

        assertThatThrownBy(() -> StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("no-class").backend(backend).deploy())
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.verb()).isEqualTo("create"))
                .hasMessageContaining("lacks 'create' on 'storageclasses.storage.k8s.io' (cluster-wide) (role recovery),"
                        + " 'delete' on 'storageclasses.storage.k8s.io' (cluster-wide) (role recovery); nothing was changed");
        assertThat(backend.writes).isEmpty();
        assertThat(cluster.listLabelled("default", OwnershipLabels.forRun("no-class"))).isEmpty();
    }

    @Test
    void eachWritingStepAsksForWhatItWritesAndCleanupCanDelete() {
        Restricted backend = new Restricted(cluster, Set.of());
        try (BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").replicas(1).backend(backend)
                .workload(w -> w.kind(WorkloadKind.STATEFULSET)).deploy()) {
            assertThat(backend.asked).containsExactly("create StorageClass storage-gp3", "delete StorageClass storage-gp3",
                    "create StatefulSet default/stateful", "delete StatefulSet default/stateful", "delete PersistentVolumeClaim default/");
            backend.asked.clear();
            run.awaitReady().scale(1);
            run.failover(Duration.ofMinutes(5));
            run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(5));
            assertThat(backend.asked).containsExactly("patch StatefulSet default/stateful", "delete Pod default/", "patch Node ");
        }
    }

    /** The simulated cluster, as an identity that may not do what {@code denied} lists ("verb Kind"). */
    private static final class Restricted implements ClusterBackend, NodeRepair, AccessReview {
        private final SimulatedCluster cluster;
        private final Set<String> denied;
        final List<String> asked = new ArrayList<>();
        final List<String> writes = new ArrayList<>();
        final List<String> repairs = new ArrayList<>();

        Restricted(SimulatedCluster cluster, Set<String> denied) {
            this.cluster = cluster;
            this.denied = denied;
        }

        @Override
        public Optional<AccessDenial> review(String verb, ResourceRef target) {
            asked.add(verb + " " + target.kind() + " " + (target.namespaced() ? target.namespace() + "/" : "") + target.name());
            if (!denied.contains(verb + " " + target.kind())) {
                return Optional.empty();
            }
            String resource = Map.of("VolumeAttachment", "volumeattachments.storage.k8s.io",
                    "StorageClass", "storageclasses.storage.k8s.io").get(target.kind());
            return Optional.of(new AccessDenial(verb, resource, target.namespace(), "role recovery"));
        }

        @Override
        public String name() {
            return "restricted";
        }

        @Override
        public Clock clock() {
            return cluster.clock();
        }

        @Override
        public void create(Manifest manifest) {
            writes.add("create " + manifest.ref());
            cluster.create(manifest);
        }

        @Override
        public void apply(Manifest manifest) {
            writes.add("apply " + manifest.ref());
            cluster.apply(manifest);
        }

        @Override
        public boolean delete(ResourceRef ref) {
            return cluster.delete(ref);
        }

        @Override
        public boolean delete(ResourceRef ref, String resourceVersion) {
            return cluster.delete(ref, resourceVersion);
        }

        @Override
        public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
            return cluster.listLabelled(namespace, labels);
        }

        @Override
        public void scale(ResourceRef workload, int replicas) {
            cluster.scale(workload, replicas);
        }

        @Override
        public ExecResult exec(String namespace, String pod, List<String> command) {
            return cluster.exec(namespace, pod, command);
        }

        @Override
        public ClusterChanges changes(String purpose, Instant deadline) {
            return cluster.changes(purpose, deadline);
        }

        @Override
        public List<NodeView> nodes() {
            return cluster.nodes();
        }

        @Override
        public List<PodView> pods(String namespace, Map<String, String> selector) {
            return cluster.pods(namespace, selector);
        }

        @Override
        public Optional<ClaimView> claim(String namespace, String name) {
            return cluster.claim(namespace, name);
        }

        @Override
        public List<ClaimView> claims(String namespace, Map<String, String> selector) {
            return cluster.claims(namespace, selector);
        }

        @Override
        public List<EventView> events(String namespace) {
            return cluster.events(namespace);
        }

        @Override
        public List<VolumeAttachmentView> volumeAttachments() {
            return cluster.volumeAttachments();
        }

        @Override
        public boolean exists(ResourceRef ref) {
            return cluster.exists(ref);
        }

        @Override
        public Optional<ObjectMetadata> metadata(ResourceRef ref) {
            return cluster.metadata(ref);
        }

        @Override
        public void taintNode(String node, String key, String value, String effect) {
            repairs.add("taint " + node);
            cluster.taintNode(node, key, value, effect);
        }

        @Override
        public boolean deleteVolumeAttachment(String name) {
            repairs.add("delete " + name);
            return cluster.deleteVolumeAttachment(name);
        }
    }
}
