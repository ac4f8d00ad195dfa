package io.statefulebs.blueprint.examples.embedding;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DeployOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.view.PodView;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Embedding the library in a host tool: several blueprints run at once in one JVM, one per team namespace, each
 * with its own listener and its own StorageClass (StorageClasses are cluster-scoped, so names must differ), and
 * each run's result comes back as a {@link BlueprintOutcome}. Runs share nothing but the backend, if the caller
 * gives them the same one (backends are thread-safe).
 */
public final class ConcurrentBlueprints {
    private ConcurrentBlueprints() {
    }

    /**
     * The blueprint for one team: its namespace, its own StorageClass, two writers as a StatefulSet. On a shared
     * cluster Karpenter packs the teams' pods together, so one team's replicas may land on different nodes; with
     * the README's Deployment they would share one ReadWriteOnce claim and hit Multi-Attach, with one claim per
     * replica they do not.
     */
    public static StatefulEbsBlueprint blueprintFor(String team) {
        return StatefulEbsBlueprint.builder()
                .namespace(team)
                .zone(Zones.firstAvailable())
                .storage(s -> s.storageClassName("storage-gp3-" + team))
                .workload(w -> w.kind(WorkloadKind.STATEFULSET))
                .replicas(2)
                .build();
    }

    /**
     * Runs every blueprint on {@code executor}, each on the backend {@code backendFor} gives it (the caller owns and
     * closes those), and returns the outcomes in the order of {@code blueprints}.
     */
    public static List<BlueprintOutcome> runAll(List<StatefulEbsBlueprint> blueprints,
                                                Function<StatefulEbsBlueprint, ClusterBackend> backendFor,
                                                ExecutorService executor) throws InterruptedException, ExecutionException {
        List<Future<BlueprintOutcome>> futures = new ArrayList<>();
        for (StatefulEbsBlueprint blueprint : blueprints) {
            ClusterBackend backend = backendFor.apply(blueprint);
            futures.add(executor.submit(() -> runOne(blueprint, backend)));
        }
        List<BlueprintOutcome> outcomes = new ArrayList<>();
        for (Future<BlueprintOutcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    /** Deploy, wait until ready, read what the pods wrote, clean up. */
    static BlueprintOutcome runOne(StatefulEbsBlueprint blueprint, ClusterBackend backend) {
        // The listener is called on the thread running this blueprint only, so a plain list is enough.
        List<String> heard = new ArrayList<>();
        DeployOptions options = DeployOptions.builder().backend(backend).listener((StepEvent e) -> heard.add(e.runId())).build();
        try (BlueprintRun run = blueprint.deploy(options)) {
            run.awaitReady();
            List<String> pods = run.pods().stream().map(PodView::name).toList();
            return new BlueprintOutcome(blueprint.namespace(), run.runId(), run.zone(), pods, run.claim(),
                    run.readFile().lines(), run.cleanup().clean(), heard.stream().distinct().toList());
        }
    }

    /** Four teams at once on one shared simulated cluster. */
    public static void main(String[] args) throws Exception {
        SimulatedCluster cluster = new SimulatedCluster();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<StatefulEbsBlueprint> blueprints = List.of("team-a", "team-b", "team-c", "team-d").stream()
                    .map(ConcurrentBlueprints::blueprintFor).toList();
            for (BlueprintOutcome outcome : runAll(blueprints, b -> cluster, executor)) {
                System.out.println(outcome.namespace() + ": run " + outcome.runId() + " in " + outcome.zone() + ", pods "
                        + outcome.pods() + ", first claim " + outcome.claim().name() + " " + outcome.claim().phase() + " on "
                        + outcome.claim().storageClass() + ", " + outcome.fileLines().size() + " line(s) written, cleaned up: "
                        + outcome.cleanedUp());
            }
        } finally {
            executor.shutdown();
        }
    }
}
