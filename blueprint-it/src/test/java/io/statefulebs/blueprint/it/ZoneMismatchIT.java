package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.error.WaitFailedException;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The only NodePool that launches nodes for the workload's node selector excludes the StorageClass's zone: the
 * pods can never run. The library's topology preflight reads the NodePools and stops the deploy before anything is
 * applied; with the preflight off (as the walkthrough runs), awaitReady fails fast on Karpenter's own report instead
 * of waiting for its timeout. The pool is a second one ({@code zonal}, template label {@code intent: zonal}) so the
 * shared default pool stays.
 *
 * <p>Karpenter v1.8 reports it as {@code FailedScheduling} "Failed to schedule pod, no instance type has the required
 * offering, requirements=... topology.ebs.csi.aws.com/zone In [eu-west-2a], topology.kubernetes.io/zone In [eu-west-2b
 * eu-west-2c] ...; incompatible requirements, key intent, ..." (one clause per NodePool, without NodePool names).
 */
class ZoneMismatchIT {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneMismatchIT.class);
    private static final String NAMESPACE = "zone-mismatch";
    private static LocalCluster cluster;

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.start();
        cluster.ensureNamespace(NAMESPACE);
        cluster.applyZonalNodePool("zonal", List.of("eu-west-2b", "eu-west-2c"));
        LocalCluster.awaitTrue("NodePool zonal Ready", Duration.ofMinutes(1), () -> {
            GenericKubernetesResource pool = cluster.nodePools().withName("zonal").get();
            Object conditions = pool == null ? null : ((Map<?, ?>) pool.getAdditionalProperties().getOrDefault("status", Map.of())).get("conditions");
            return conditions instanceof List<?> list && list.stream().anyMatch(c -> c instanceof Map<?, ?> m
                    && "Ready".equals(m.get("type")) && "True".equals(m.get("status")));
        });
    }


    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            try {
                cluster.deleteBlueprintObjects(NAMESPACE, Duration.ofMinutes(3));
                cluster.nodePools().withName("zonal").delete();
            } finally {
                cluster.close();
            }
        }
    }

    @Test
    void thePreflightStopsTheDeployBeforeAnythingIsApplied() {
        try (Fabric8Backend backend = cluster.newBackend()) {
            assertThatThrownBy(() -> blueprint().runId("mismatch-preflight").backend(backend).deploy())
                    .isInstanceOf(PreflightFailedException.class)
                    .hasMessageContaining("NodePool zonal: it requires topology.kubernetes.io/zone In [eu-west-2b, eu-west-2c]")
                    .hasMessageContaining("NodePool default: the node selector wants intent=zonal but its nodes get intent=apps");
            assertThat(backend.listLabelled(NAMESPACE, OwnershipLabels.forRun("mismatch-preflight"))).isEmpty();
        }
    }

    @Test
    void withoutThePreflightAwaitReadyFailsFastNamingTheConflict() {
        // Karpenter reports the conflict within seconds; two minutes bounds the failure if it is not recognised.
        Duration timeout = Duration.ofMinutes(2);
        try (Fabric8Backend backend = cluster.newBackend();
             BlueprintRun run = blueprint().backend(backend).preflight(false).deploy()) {
            assertThatThrownBy(() -> run.awaitReady(timeout))
                    .isInstanceOf(WaitFailedException.class)
                    .satisfies(e -> LOG.info("awaitReady failed as expected: {}", e.getMessage()))
                    // Karpenter's own words for the conflict: the claim's zone against the NodePool's zones.
                    .hasMessageContaining("topology.ebs.csi.aws.com/zone In [eu-west-2a]")
                    .hasMessageContaining("topology.kubernetes.io/zone In [eu-west-2b eu-west-2c]");
            assertThat(run.pods()).hasSize(3).noneMatch(PodView::running);
            assertThat(run.workloadNodes()).isEmpty();
        }
    }

    private static StatefulEbsBlueprint.Builder blueprint() {
        return StatefulEbsBlueprint.builder().namespace(NAMESPACE).zone("eu-west-2a").replicas(3)
                .storage(s -> s.storageClassName("storage-gp3-mismatch"))
                .workload(w -> w.nodeSelector(Map.of("intent", "zonal")));
    }
}
