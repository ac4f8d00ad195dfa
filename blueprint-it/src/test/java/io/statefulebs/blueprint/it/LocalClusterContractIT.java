package io.statefulebs.blueprint.it;

import io.statefulebs.blueprint.testkit.ClusterActors;
import io.statefulebs.blueprint.testkit.ClusterBackendContract;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/**
 * The backend contract through the fabric8 backend against the local cluster. Nothing is played by the test: the
 * scheduler, the controller-manager, Karpenter (kwok provider) and kwok's kubelets act for real; the harness's EBS
 * provisioner binds claims and its container stand-in runs the writer. So the actors do nothing. It runs as the
 * contract's ServiceAccount, bound to every role of rbac.yaml but the read-only ones (the contract calls every capability).
 */
class LocalClusterContractIT extends ClusterBackendContract {
    private static final String NAMESPACE = "contract";
    private static LocalCluster cluster;
    private final Fabric8Backend backend = cluster.newBackend(FeatureIdentity.CONTRACT);

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.start();
        cluster.ensureNamespace(NAMESPACE);
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected ClusterBackend backend() {
        return backend;
    }

    @Override
    protected ClusterActors actors() {
        return ClusterActors.none();
    }

    @Override
    protected String namespace() {
        return NAMESPACE;
    }

    @AfterEach
    void cleanUp() {
        backend.close();
        cluster.deleteBlueprintObjects(NAMESPACE, Duration.ofMinutes(3));
    }
}
