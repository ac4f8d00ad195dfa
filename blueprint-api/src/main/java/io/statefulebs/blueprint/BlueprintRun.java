package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.ZoneReport;

import java.time.Duration;
import java.util.List;

/**
 * A deployed blueprint: each step of the walkthrough is one call. Closing it deletes everything the run
 * created and checks it is gone, unless {@link #keep()} was called; after {@link #close()} every call but the
 * spec's accessors fails at once with {@link IllegalStateException} ("run X is closed"). Safe to use from one thread
 * at a time.
 */
public interface BlueprintRun extends AutoCloseable {
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** The spec as deployed, with its zone resolved. */
    StatefulEbsBlueprint blueprint();

    default String runId() {
        return blueprint().runId();
    }

    /** The chosen availability zone. */
    default String zone() {
        return blueprint().zone().orElseThrow();
    }

    /** The backend's name, e.g. {@code simulated}. */
    String backendName();

    /** Waits until the claims are Bound and every replica is Running and ready; fails fast when it never can. */
    BlueprintRun awaitReady(Duration timeout);

    default BlueprintRun awaitReady() {
        return awaitReady(DEFAULT_TIMEOUT);
    }

    /** Nodes Karpenter launched and initialized, as {@code kubectl get nodes -l karpenter.sh/initialized=true} lists them. */
    List<NodeView> nodes();

    /** The nodes this run's pods are on. */
    List<NodeView> workloadNodes();

    /** The claim the pods share (Deployment), or the first replica's claim (StatefulSet). */
    ClaimView claim();

    /** Every claim of the run: one for a Deployment, one per replica for a StatefulSet. */
    List<ClaimView> claims();

    /** This run's pods, oldest first. */
    List<PodView> pods();

    /** Events of the run's namespace about its pods, claims and workload, oldest first. */
    List<EventView> events();

    /** Reads the file the pods write, from the newest running pod (as the walkthrough does). */
    default FileContent readFile() {
        return readFile(blueprint().workload().filePath());
    }

    FileContent readFile(String path);

    /**
     * Deletes the newest pod, waits for its replacement to run, reads the file again and checks every earlier line
     * is still there.
     */
    FailoverReport failover(Duration timeout);

    default FailoverReport failover() {
        return failover(DEFAULT_TIMEOUT);
    }

    /** Sets the replica count; returns at once (follow with {@link #awaitReady()} or {@link #awaitNodesReleased()}). */
    BlueprintRun scale(int replicas);

    /** Waits until the pods are gone and consolidation removed every node that ran them. */
    BlueprintRun awaitNodesReleased(Duration timeout);

    default BlueprintRun awaitNodesReleased() {
        return awaitNodesReleased(DEFAULT_TIMEOUT);
    }

    /**
     * Checks every node running the workload and every bound volume is in the chosen zone.
     *
     * @throws io.statefulebs.blueprint.error.VerificationFailedException naming what is elsewhere
     */
    ZoneReport verifyZone();

    /** Multi-Attach errors the run's pods hit, with where the volume is still attached and why. */
    List<MultiAttachDiagnosis> diagnoseMultiAttach();

    /**
     * Diagnoses Multi-Attach errors, acts on each as {@code policy} says (refusing destructive actions unless safe),
     * then waits for the pods to run again.
     */
    MultiAttachRecovery recoverMultiAttach(MultiAttachPolicy policy, Duration timeout);

    /** Objects that existed under the run's names and were taken over because adoption was asked for; usually empty. */
    List<String> adopted();

    /** Leaves everything in place on {@link #close()}. */
    BlueprintRun keep();

    /**
     * Deletes everything the run created (workload, claims and their volumes, StorageClass), waits until it is
     * gone and lists what remains. Idempotent, and allowed after {@link #close()} (to finish a cleanup that failed).
     */
    CleanupReport cleanup();

    /**
     * Cleans up unless kept.
     *
     * @throws io.statefulebs.blueprint.error.VerificationFailedException when objects remain after cleanup
     */
    @Override
    void close();
}
