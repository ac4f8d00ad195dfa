package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.doctor.DoctorChecks;
import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.view.Finding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage doctor through the fabric8 backend against real Karpenter, scheduler and controllers, on planted faults:
 * the blueprint's default Deployment (3 replicas sharing a ReadWriteOnce claim) and a StatefulSet whose StorageClass
 * zone no fitting NodePool launches in (a pool of its own, {@code intent: doctor-zonal}, in eu-west-2b and -2c), and
 * a node whose CSINode allows one attachment (a pool whose nodes the harness gives that limit). Stale attachments and
 * Multi-Attach after a node loss are examined in NodeLossIT.
 * Other test classes share the cluster, so only this namespace's findings are asserted.
 */
class DoctorIT {
    private static final String NAMESPACE = "doctor";
    private static final String HEALTHY = "doctor-healthy";
    private static final String ATTACH = "doctor-attach";
    private static LocalCluster cluster;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.start();
        cluster.ensureNamespace(NAMESPACE);
        cluster.ensureNamespace(HEALTHY);
        cluster.ensureNamespace(ATTACH);
        cluster.applyZonalNodePool("doctor-zonal", List.of("eu-west-2b", "eu-west-2c"));
        // The harness gives this pool's nodes a CSINode allowing one EBS attachment (every other node allows 25).
        cluster.applyZonalNodePool(ATTACH, List.of("eu-west-2a"), Map.of("statefulebs.io/attach-limit", "1"));
    }


    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            try {
                cluster.deleteBlueprintObjects(NAMESPACE, Duration.ofMinutes(3));
                cluster.client().policy().v1().podDisruptionBudget().inNamespace(HEALTHY).delete();
                cluster.deleteBlueprintObjects(HEALTHY, Duration.ofMinutes(3));
                cluster.deleteBlueprintObjects(ATTACH, Duration.ofMinutes(3));
                cluster.nodePools().withName("doctor-zonal").delete();
                cluster.nodePools().withName(ATTACH).delete();
            } finally {
                cluster.close();
            }
        }
    }

    @Test
    void findsTheSharedClaimAndTheZoneConflict() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun shared = StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").replicas(3)
                     .storage(s -> s.storageClassName("storage-gp3-doctor")).backend(backend).deploy();
             BlueprintRun conflicting = StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").replicas(1)
                     .storage(s -> s.storageClassName("storage-gp3-doctor-db").claimName("data"))
                     .workload(w -> w.name("db").kind(WorkloadKind.STATEFULSET).nodeSelector(Map.of("intent", "doctor-zonal")))
                     .backend(backend).preflight(false).deploy()) {
            shared.awaitReady(Duration.ofMinutes(5));
            LocalCluster.awaitTrue("db-0 exists", Duration.ofMinutes(1), () -> !conflicting.pods().isEmpty());

            DoctorReport report;
            // The doctor reads as the read-only identity: its role is all it needs.
            try (Fabric8Backend reader = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
                report = StatefulStorageDoctor.on(reader).examine(NAMESPACE);
            }

            assertThat(report.findings(DoctorChecks.SHARED_RWO_CLAIM)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.objects()).containsExactly("Deployment/doctor/stateful", "PersistentVolumeClaim/doctor/ebs-claim");
            });
            List<Finding> placement = report.findings(DoctorChecks.PLACEMENT);
            assertThat(placement).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                assertThat(f.objects()).startsWith("Pod/doctor/db-0");
                assertThat(f.evidence()).contains("StorageClass/storage-gp3-doctor-db allowedTopologies allow [eu-west-2a]",
                        "NodePool(s) [doctor-zonal] launch nodes in [eu-west-2b, eu-west-2c]");
            });
            assertThat(report.hasErrors()).isTrue();
        }
    }

    /**
     * A node at its attach limit, from its CSINode: the real scheduler's volume-limits filter reads the same count, so
     * no further pod with an EBS volume can run there.
     */
    @Test
    void findsANodeAtItsCsiNodeAttachLimit() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(ATTACH).zone("eu-west-2a").replicas(1)
                     .storage(s -> s.storageClassName("storage-gp3-doctor-attach"))
                     .workload(w -> w.kind(WorkloadKind.STATEFULSET).nodeSelector(Map.of("intent", ATTACH)))
                     .backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            String node = run.pods().get(0).node();

            DoctorReport report;
            try (Fabric8Backend reader = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
                report = StatefulStorageDoctor.on(reader).examine(ATTACH);
            }

            assertThat(report.findings(DoctorChecks.ATTACH_CAPACITY)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                assertThat(f.objects()).containsExactly("Node/" + node);
                assertThat(f.evidence()).containsExactly("CSINode/" + node + " ebs.csi.aws.com allocatable.count=1",
                        "VolumeAttachments on " + node + ": 1");
            });
        }
    }

    /** Healthy as the issue defines it: the StatefulSet variant under a PodDisruptionBudget gets no error or warning. */
    @Test
    void aStatefulSetUnderABudgetIsHealthy() {
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = StatefulEbsBlueprint.builder().namespace(HEALTHY).zone("eu-west-2a").replicas(3)
                     .storage(s -> s.storageClassName("storage-gp3-doctor-healthy"))
                     .workload(w -> w.kind(WorkloadKind.STATEFULSET)).backend(backend).deploy()) {
            run.awaitReady(Duration.ofMinutes(5));
            Map<String, String> selector = cluster.client().apps().statefulSets().inNamespace(HEALTHY).list().getItems().get(0)
                    .getSpec().getSelector().getMatchLabels();
            cluster.client().policy().v1().podDisruptionBudget().inNamespace(HEALTHY).resource(new PodDisruptionBudgetBuilder()
                    .withNewMetadata().withName("stateful").endMetadata()
                    .withNewSpec().withNewMaxUnavailable(1).withNewSelector().withMatchLabels(selector).endSelector().endSpec()
                    .build()).create();

            DoctorReport report;
            try (Fabric8Backend reader = cluster.newBackend(FeatureIdentity.READ_ONLY)) {
                report = StatefulStorageDoctor.on(reader).examine(HEALTHY);
            }

            assertThat(report.findings()).filteredOn(f -> f.severity() != Finding.Severity.INFO).isEmpty();
        }
    }
}
