package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.view.PodView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads of a backend that builds its client: more concurrent waits and execs than its pools have threads all
 * finish on one shared backend (no pool thread ever waits on another pool task), the backend's named threads never
 * exceed the pools' bound, and none is left once the backend is closed.
 */
class LibraryThreadsOnMockServerTest {
    private static final int RUNS = 50;
    private static final int BOUND = ClientThreads.HTTP_THREADS + ClientThreads.TASK_THREADS;
    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final String POD = "stateful-a";
    private static final String EXEC = "/exec?command=cat&command=%2Fdata%2Fout.txt&stdout=true&stderr=true";

    private MockCluster cluster;
    private ExecutorService callers;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        AtomicInteger number = new AtomicInteger();
        callers = Executors.newFixedThreadPool(RUNS, task -> new Thread(task, "caller-" + number.incrementAndGet()));
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        cluster.close();
    }

    @Test
    void fiftyConcurrentRunsShareTenNamedThreadsThatCloseEnds(@TempDir Path dir) throws Exception {
        for (int i = 0; i < RUNS; i++) {
            String ns = namespace(i);
            cluster.client().pods().inNamespace(ns).resource(ClusterObjects.pendingPod(ns, POD, "ebs-claim")).create();
            cluster.server().expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + POD + EXEC)
                    .andUpgradeToWebSocket().open(new OutputStreamMessage(ns + "\n"), new StatusStreamMessage(0)).done().once();
        }
        Set<Thread> earlier = libraryThreads(); // a backend another test left open is not this one's
        Path kubeconfig = Files.writeString(dir.resolve("config"), BadConnectionInputTest.kubeconfig(cluster.url()));
        Fabric8Backend backend = Fabric8Backend.builder().kubeconfig(kubeconfig).context("mock").build();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch waitingForReady = new CountDownLatch(RUNS);
        List<Future<ExecResult>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                String ns = namespace(i);
                runs.add(callers.submit(() -> {
                    // Cold: the first waits start the informers (LIST, WATCH) all at once.
                    Waiter.await(backend, Wait.until("pod of " + ns, WAIT, view -> pod(view.pods(ns, ClusterObjects.MANAGED_BY_LIBRARY))
                            .map(Verdict::satisfied).orElseGet(() -> Verdict.pending("no pod yet"))));
                    peak.accumulateAndGet(added(earlier), Math::max);
                    ExecResult result = backend.exec(ns, POD, List.of("cat", "/data/out.txt"));
                    peak.accumulateAndGet(added(earlier), Math::max);
                    waitingForReady.countDown();
                    // Warm: the pods turn ready through watch events, handled on the pools.
                    Waiter.await(backend, Wait.until("ready pod of " + ns, WAIT, view -> pod(view.pods(ns, ClusterObjects.MANAGED_BY_LIBRARY))
                            .filter(PodView::ready).map(Verdict::satisfied).orElseGet(() -> Verdict.pending("not ready"))));
                    peak.accumulateAndGet(added(earlier), Math::max);
                    return result;
                }));
            }
            assertThat(waitingForReady.await(2, TimeUnit.MINUTES)).as("every run read its pod and exec'd").isTrue();
            for (int i = 0; i < RUNS; i++) {
                cluster.client().pods().inNamespace(namespace(i)).withName(POD).edit(pod -> ClusterObjects.running(pod, "node-a"));
            }
            for (int i = 0; i < RUNS; i++) {
                assertThat(runs.get(i).get(2, TimeUnit.MINUTES).stdout()).isEqualTo(namespace(i) + "\n");
            }
            peak.accumulateAndGet(added(earlier), Math::max);
        } finally {
            backend.close();
        }

        assertThat(peak.get()).as("the backend's threads at their most").isPositive().isLessThanOrEqualTo(BOUND);
        assertThat(added(earlier)).as("the backend's threads after close()").isZero();
    }

    private static String namespace(int i) {
        return "run-" + i;
    }

    private static Optional<PodView> pod(List<PodView> pods) {
        return pods.stream().findFirst();
    }

    /** The live threads named as the backend names its own. */
    private static Set<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(Fabric8Backend.THREAD_NAME_PREFIX)).collect(Collectors.toSet());
    }

    private static int added(Set<Thread> earlier) {
        Set<Thread> now = libraryThreads();
        now.removeAll(earlier);
        return now.size();
    }
}
