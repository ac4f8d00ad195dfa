package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * A test class's own namespace on the local cluster: connects (and starts the harness) before the class's tests,
 * then deletes every blueprint object left in the namespace and disconnects. Register it with
 * {@code @RegisterExtension static final ClusterNamespace cluster = new ClusterNamespace("name");}.
 */
final class ClusterNamespace implements BeforeAllCallback, AfterAllCallback {
    private final String namespace;
    private LocalCluster cluster;

    ClusterNamespace(String namespace) {
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    /** A backend as the walkthrough's identity (its roles only). */
    Fabric8Backend newBackend() {
        return cluster.newBackend();
    }

    Fabric8Backend newBackend(FeatureIdentity identity) {
        return cluster.newBackend(identity);
    }

    java.nio.file.Path auditLog() {
        return cluster.auditLog();
    }

    /** The harness's own client (cluster-admin), for objects a test makes as someone else would. */
    KubernetesClient client() {
        return cluster.client();
    }

    /** A control-plane component's log (kube-controller-manager, kube-scheduler, ...). */
    java.nio.file.Path componentLog(String component) {
        return cluster.componentLog(component);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = LocalCluster.start();
        cluster.ensureNamespace(namespace);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            try {
                cluster.deleteBlueprintObjects(namespace, Duration.ofMinutes(3));
            } finally {
                cluster.close();
            }
        }
    }
}
