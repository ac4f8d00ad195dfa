package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.Node;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.MultiAttachRecovery;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The destructive Multi-Attach recoveries need the recovery role: without it (the walkthrough's identity) the library
 * asks the API server first (SelfSubjectAccessReview) and refuses before it reads, taints or deletes anything, naming the
 * verb, the resource and the role; with it, the same call goes ahead (nothing to repair on a healthy run).
 */
class RecoveryAccessIT {
    private static final String NAMESPACE = "recovery-access";
    @RegisterExtension
    static final ClusterNamespace cluster = new ClusterNamespace(NAMESPACE);

    @Test
    void withoutTheRecoveryRoleBothDestructivePoliciesAreRefusedAndNothingChanges() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.WALKTHROUGH);
             BlueprintRun run = blueprint("refused").backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            List<String> pods = run.pods().stream().map(PodView::name).toList();
            List<String> taints = taints();
            Instant before = Instant.now();

            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(1)))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.verb()).isEqualTo("delete");
                        assertThat(e.resource()).isEqualTo("volumeattachments.storage.k8s.io");
                        assertThat(e.namespace()).isEmpty();
                    })
                    .hasMessageContaining("forbidden: the identity's RBAC lacks 'delete' on 'volumeattachments.storage.k8s.io'"
                            + " (cluster-wide) (granted by the ClusterRole stateful-ebs-blueprint-recovery")
                    .hasMessageContaining("nothing was changed");
            assertThatThrownBy(() -> run.recoverMultiAttach(MultiAttachPolicy.TAINT_OUT_OF_SERVICE, Duration.ofMinutes(1)))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.verb()).isEqualTo("patch");
                        assertThat(e.resource()).isEqualTo("nodes");
                    })
                    .hasMessageContaining("'patch' on 'nodes' (cluster-wide) (granted by the ClusterRole stateful-ebs-blueprint-recovery");

            assertThat(run.pods()).extracting(PodView::name).containsExactlyInAnyOrderElementsOf(pods);
            assertThat(taints()).isEqualTo(taints);
            // The API server's own record: since the refusals began, the identity sent reviews and reads, not one write.
            assertThat(AuditLog.read(cluster.auditLog())).filteredOn(r -> r.user().equals(FeatureIdentity.WALKTHROUGH.userName())
                            && r.time().compareTo(before.toString()) >= 0)
                    .isNotEmpty().noneMatch(AuditLog.Request::write)
                    .anyMatch(r -> r.resource().equals("selfsubjectaccessreviews"));
        }
    }

    @Test
    void withTheRecoveryRoleTheSameCallGoesAhead() {
        try (Fabric8Backend backend = cluster.newBackend(FeatureIdentity.RECOVERY);
             BlueprintRun run = blueprint("allowed").backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));

            MultiAttachRecovery recovery = run.recoverMultiAttach(MultiAttachPolicy.DELETE_STALE_ATTACHMENT, Duration.ofMinutes(2));

            assertThat(recovery.diagnoses()).isEmpty();
            assertThat(recovery.actions()).isEmpty();
        }
    }

    private static StatefulEbsBlueprint.Builder blueprint(String runId) {
        return StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").replicas(1).runId(runId)
                .storage(s -> s.storageClassName("storage-gp3-" + runId));
    }

    private static List<String> taints() {
        return cluster.client().nodes().list().getItems().stream().map(Node::getSpec)
                .map(spec -> String.valueOf(spec.getTaints())).toList();
    }
}
