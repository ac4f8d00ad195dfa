package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.RepeatedTest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A watch closed while the mock server is still sending it events must leave the server able to stop. fabric8
 * 8.0.0's server closes a watch on its (single) Vert.x event loop and waits there for the watch's sender thread
 * to finish, while that thread waits for the event loop to write the event it is sending: both stall until the
 * write gives up after 30 s, and the server's own stop gives up after 10 s ("Unable to close MockWebServer").
 * A backend that stops its informers right after their watches opened (a wait satisfied by the first list) hit
 * that under load.
 */
class MockClusterShutdownTest {
    private static final String NS = "blueprint";
    /** Enough objects that each watch's initial ADDED events are still being sent when it is closed. */
    private static final int OBJECTS = 50;
    /** Watches closed at once: each is a chance to close one mid-send. */
    private static final int WATCHES = 50;

    @RepeatedTest(5)
    void watchesClosedWhileTheirEventsAreSentLeaveTheServerFreeToStop() throws InterruptedException {
        MockCluster cluster = new MockCluster();
        for (int i = 0; i < OBJECTS; i++) {
            cluster.client().configMaps().inNamespace(NS).resource(configMap("cm-" + i)).create();
        }
        KubernetesClient watching = cluster.newClient();
        CountDownLatch sending = new CountDownLatch(WATCHES);
        for (int i = 0; i < WATCHES; i++) {
            watching.configMaps().inNamespace(NS).watch(new Watcher<>() {
                private final AtomicBoolean first = new AtomicBoolean(true);

                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                    if (first.getAndSet(false)) {
                        sending.countDown();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
        }
        sending.await();
        watching.close();

        assertThatCode(cluster::close).doesNotThrowAnyException();
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToData("key", "value").build();
    }
}
