package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh mock API server per test, the test's own client on it (playing the controllers) and a backend on a
 * client of its own.
 */
abstract class MockClusterTest {
    protected MockCluster cluster;
    protected KubernetesClient client;
    protected Fabric8Backend backend;

    @BeforeEach
    void startMockCluster() {
        cluster = new MockCluster();
        client = cluster.client();
        backend = Fabric8Backend.builder().client(cluster.newClient()).build();
    }

    @AfterEach
    void stopMockCluster() {
        backend.close();
        cluster.close();
    }
}
