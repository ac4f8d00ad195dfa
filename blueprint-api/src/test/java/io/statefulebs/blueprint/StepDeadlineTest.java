package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.BoundedCalls;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A step with a timeout has one deadline: its backend calls go through {@link BoundedCalls#within}, and what a slow call
 * (here a pod deletion that retried for minutes) used up is taken off the step's wait.
 */
class StepDeadlineTest {
    private final SimulatedCluster cluster = new SimulatedCluster();
    private final List<Instant> deadlines = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private Duration podDeletionTakes = Duration.ZERO;

    @Test
    void whatTheFailoversCallsTookIsTakenOffItsWait() {
        try (BlueprintRun run = deployed()) {
            Instant start = cluster.clock().instant();
            podDeletionTakes = Duration.ofMinutes(2);
            waits.clear();

            run.failover(Duration.ofMinutes(5));

            assertThat(deadlines).containsExactly(start.plus(Duration.ofMinutes(5)));
            assertThat(waits).containsExactly(Duration.ofMinutes(3));
        }
    }

    @Test
    void aStepWhoseCallsUsedItsWholeTimeEndsWithoutWaitingMore() {
        try (BlueprintRun run = deployed()) {
            Instant start = cluster.clock().instant();
            podDeletionTakes = Duration.ofMinutes(6);

            assertThatThrownBy(() -> run.failover(Duration.ofMinutes(5))).isInstanceOf(WaitTimedOutException.class);
            assertThat(cluster.clock().instant()).isBefore(start.plus(podDeletionTakes).plusSeconds(1));
        }
    }

    /**
     * On a simulated cluster shared by concurrent runs, the clock moves while this run is between two calls (here the
     * pod deletion stands for the other runs' waits): the step's wait still gets the whole timeout.
     */
    @Test
    void aBackendWhoseCallsNeverBlockGivesEachWaitTheStepsWholeTimeout() {
        try (BlueprintRun run = deployed(proxy(new NeverBlockingCalls(), ClusterBackend.class))) {
            podDeletionTakes = Duration.ofMinutes(6);
            waits.clear();

            run.failover(Duration.ofMinutes(5));

            assertThat(waits).containsExactly(Duration.ofMinutes(5));
        }
    }

    private BlueprintRun deployed() {
        return deployed(recording());
    }

    private BlueprintRun deployed(ClusterBackend backend) {
        BlueprintRun run = StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(backend).deploy();
        run.awaitReady();
        deadlines.clear();
        return run;
    }

    /**
     * The simulated cluster as a backend whose calls can block: a pod deletion lets {@code podDeletionTakes} pass, and
     * {@code within} returns a view (another proxy), as a real backend does; deadlines and wait timeouts are recorded.
     */
    private ClusterBackend recording() {
        return proxy(new BlockingCalls(), ClusterBackend.class, BoundedCalls.class);
    }

    private static ClusterBackend proxy(InvocationHandler handler, Class<?>... interfaces) {
        return (ClusterBackend) Proxy.newProxyInstance(StepDeadlineTest.class.getClassLoader(), interfaces, handler);
    }

    private class BlockingCalls implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "within" -> {
                    deadlines.add((Instant) args[0]);
                    return view(proxy);
                }
                case "changes" -> waits.add(Duration.between(cluster.clock().instant(), (Instant) args[1]));
                case "delete" -> {
                    if (args[0].toString().startsWith("Pod/") && !podDeletionTakes.isZero()) {
                        cluster.advance(podDeletionTakes);
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(cluster, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        Object view(Object backend) {
            return proxy(this, ClusterBackend.class, BoundedCalls.class);
        }
    }

    /** Like the simulated cluster itself: no {@link BoundedCalls}, its calls never block. */
    private final class NeverBlockingCalls extends BlockingCalls {
    }
}
