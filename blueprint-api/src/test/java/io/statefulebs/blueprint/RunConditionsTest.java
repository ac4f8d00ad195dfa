package io.statefulebs.blueprint;

import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.view.EventView;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stay for an hour after what they report is over: a lasting {@code ProvisioningFailed} from before the claim
 * bound, or Karpenter's "no NodePool fits" from before a pod ran, must not fail a wait the cluster has since satisfied.
 */
class RunConditionsTest {
    private static final String NO_FIT = "Failed to schedule pod, incompatible requirements, key intent, intent In [zonal] "
            + "not in intent In [apps]";

    @Test
    void staleHopelessEventsAboutABoundClaimAndRunningPodsDoNotFailTheWait() {
        SimulatedCluster cluster = new SimulatedCluster();
        StatefulEbsBlueprint blueprint = StatefulEbsBlueprint.builder().zone("eu-west-2a").runId("stale").build();
        try (BlueprintRun run = blueprint.toBuilder().backend(cluster).deploy()) {
            run.awaitReady();
            List<EventView> stale = new ArrayList<>();
            stale.add(event("PersistentVolumeClaim", "ebs-claim", "ProvisioningFailed", "persistentvolume-controller",
                    "storageclass.storage.k8s.io \"storage-gp3\" not found"));
            run.pods().forEach(p -> stale.add(event("Pod", p.name(), "FailedScheduling", "karpenter", NO_FIT)));

            Verdict<?> verdict = RunConditions.ready(new RunScope(blueprint), 3, Duration.ofMinutes(1))
                    .evaluate(withEvents(cluster, stale));

            assertThat(verdict).isInstanceOf(Verdict.Satisfied.class);
        }
    }

    private static EventView event(String kind, String name, String reason, String source, String message) {
        return new EventView("Warning", reason, kind, name, message, 1, Instant.EPOCH, Instant.EPOCH, source);
    }

    /** {@code cluster} as a view whose events of every namespace start with {@code extra}. */
    private static ClusterView withEvents(SimulatedCluster cluster, List<EventView> extra) {
        return (ClusterView) Proxy.newProxyInstance(RunConditionsTest.class.getClassLoader(), new Class<?>[]{ClusterView.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(cluster, args);
                        if (!method.getName().equals("events")) {
                            return result;
                        }
                        List<EventView> events = new ArrayList<>(extra);
                        events.addAll(cast(result));
                        return events;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static List<EventView> cast(Object events) {
        return (List<EventView>) events;
    }
}
