package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.testkit.ClusterActors;
import io.statefulebs.blueprint.testkit.ClusterBackendContract;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.api.AfterEach;

/** The backend contract against fabric8's mock server in CRUD mode, with the test playing the missing controllers. */
class Fabric8BackendContractTest extends ClusterBackendContract {
    private final MockCluster cluster = new MockCluster();
    private final Fabric8Backend backend = Fabric8Backend.builder().client(cluster.newClient()).build();

    /** fabric8's mock server in CRUD mode deletes whatever the precondition says; the real tier runs that check. */
    @Override
    protected boolean enforcesDeletePreconditions() {
        return false;
    }

    @Override
    protected ClusterBackend backend() {
        return backend;
    }

    @Override
    protected ClusterActors actors() {
        return new MockClusterActors(cluster);
    }

    @AfterEach
    void closeCluster() {
        backend.close();
        cluster.close();
    }
}
