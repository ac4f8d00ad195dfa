package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.IntegrityReport;
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
    /** The timeout of the waits called without one: ten minutes. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** {@return the spec as deployed, with its zone resolved} */
    StatefulEbsBlueprint blueprint();

    /** {@return the run id the run's objects are labelled with} */
    default String runId() {
        return blueprint().runId();
    }

    /** {@return the chosen availability zone} */
    default String zone() {
        return blueprint().zone().orElseThrow();
    }

    /** {@return the backend's name, e.g. {@code simulated}} */
    String backendName();

    /**
     * Waits until the claims are Bound and every replica is Running and ready; fails fast when it never can.
     *
     * @param timeout how long to wait
     * @return this run
     */
    BlueprintRun awaitReady(Duration timeout);

    /**
     * Waits as {@link #awaitReady(Duration)} does, up to {@link #DEFAULT_TIMEOUT}.
     *
     * @return this run
     */
    default BlueprintRun awaitReady() {
        return awaitReady(DEFAULT_TIMEOUT);
    }

    /**
     * {@return the nodes Karpenter launched and initialized, as {@code kubectl get nodes -l
     * karpenter.sh/initialized=true} lists them}
     */
    List<NodeView> nodes();

    /** {@return the nodes this run's pods are on} */
    List<NodeView> workloadNodes();

    /** {@return the claim the pods share (Deployment), or the first replica's claim (StatefulSet)} */
    ClaimView claim();

    /** {@return every claim of the run: one for a Deployment, one per replica for a StatefulSet} */
    List<ClaimView> claims();

    /** {@return this run's pods, oldest first} */
    List<PodView> pods();

    /** {@return the events of the run's namespace about its pods, claims and workload, oldest first} */
    List<EventView> events();

    /**
     * Reads the file the pods write, from the newest running pod (as the walkthrough does).
     *
     * @return the file's lines and the pod they were read from
     */
    default FileContent readFile() {
        return readFile(blueprint().workload().filePath());
    }

    /**
     * Reads a file from the newest running pod (picked as the backend watches the cluster, after a wait such as
     * {@link #awaitReady}).
     *
     * @param path the file's path in the container
     * @return the file's lines and the pod they were read from
     */
    FileContent readFile(String path);

    /**
     * Deletes the newest pod, waits for its replacement to run, reads the file again and checks every earlier line
     * is still there.
     *
     * @param timeout how long to wait for the replacement pod
     * @return what was read before and after
     */
    FailoverReport failover(Duration timeout);

    /**
     * Runs {@link #failover(Duration)} with {@link #DEFAULT_TIMEOUT}.
     *
     * @return what was read before and after
     */
    default FailoverReport failover() {
        return failover(DEFAULT_TIMEOUT);
    }

    /**
     * Sets the replica count; returns at once (follow with {@link #awaitReady()} or {@link #awaitNodesReleased()}).
     *
     * @param replicas the new replica count
     * @return this run
     */
    BlueprintRun scale(int replicas);

    /**
     * Waits until the pods are gone and consolidation removed every node that ran them.
     *
     * @param timeout how long to wait
     * @return this run
     */
    BlueprintRun awaitNodesReleased(Duration timeout);

    /**
     * Waits as {@link #awaitNodesReleased(Duration)} does, up to {@link #DEFAULT_TIMEOUT}.
     *
     * @return this run
     */
    default BlueprintRun awaitNodesReleased() {
        return awaitNodesReleased(DEFAULT_TIMEOUT);
    }

    /**
     * Checks every node running the workload and every bound volume is in the chosen zone, as the backend watches the
     * cluster ({@link io.statefulebs.blueprint.spi.ClusterBackend#watchedView()}): call it after a wait such as
     * {@link #awaitReady}.
     *
     * @return the zone of each node and volume checked
     * @throws io.statefulebs.blueprint.error.VerificationFailedException naming what is elsewhere
     */
    ZoneReport verifyZone();

    /**
     * Reads the file from the newest running pod and checks the integrity writer's lines
     * ({@link io.statefulebs.blueprint.spec.WorkloadSpec#integrityWriter()}): per writer, sequence numbers contiguous
     * from 1, none repeated, every checksum valid. With the integrity writer, {@link #failover(Duration)},
     * {@link #disruptNode(DisruptionOptions)} and {@link #recoverMultiAttach(MultiAttachPolicy, Duration)} run the same
     * check after they are done.
     *
     * @return the lines per writer (the report is intact)
     * @throws IllegalStateException when the run does not use the integrity writer
     * @throws io.statefulebs.blueprint.error.VerificationFailedException naming each line lost, duplicated or corrupted
     */
    IntegrityReport verifyIntegrity();

    /** {@return the Multi-Attach errors the run's pods hit, with where the volume is still attached and why} */
    List<MultiAttachDiagnosis> diagnoseMultiAttach();

    /**
     * Diagnoses Multi-Attach errors, acts on each as {@code policy} says (refusing destructive actions unless safe),
     * then waits for the pods to run again.
     *
     * @param policy which actions are allowed
     * @param timeout how long to wait for the pods to run again
     * @return the diagnoses, the actions taken and the time to recover
     */
    MultiAttachRecovery recoverMultiAttach(MultiAttachPolicy policy, Duration timeout);

    /**
     * Asks Karpenter to replace the node the run's pods run on, gracefully: deletes its NodeClaim (Karpenter taints and
     * drains the node, waits for its VolumeAttachments to go, terminates it), waits until every replica is Running and
     * ready again on a node in the volume's zone, checks every line of the file read before is still there, and says
     * how long it took against {@link DisruptionOptions#bound()} and, from the events, what slowed it. Refuses, changing
     * nothing, a node that is not Karpenter's, one whose drain could never finish (a pod annotated
     * {@code karpenter.sh/do-not-disrupt}, a PodDisruptionBudget allowing no disruption) and one that runs other
     * workloads' pods unless {@link DisruptionOptions#allowForeignPods()}. Needs {@code delete} on NodeClaims
     * (rbac.yaml's {@code stateful-ebs-blueprint-disruption}).
     *
     * @param options the bound, timeout, node and foreign-pod policy
     * @return what was measured
     * @throws io.statefulebs.blueprint.error.VerificationFailedException on a refusal, a timeout (naming what still
     *         holds the node) or lost content
     * @throws io.statefulebs.blueprint.error.UnsupportedCapabilityException when the backend cannot delete NodeClaims
     */
    DisruptionReport disruptNode(DisruptionOptions options);

    /**
     * Runs {@link #disruptNode(DisruptionOptions)} with {@link DisruptionOptions#defaults()}: a 2-minute bound.
     *
     * @return what was measured
     */
    default DisruptionReport disruptNode() {
        return disruptNode(DisruptionOptions.defaults());
    }

    /**
     * {@return the objects that existed under the run's names and were taken over because adoption was asked for;
     * usually empty}
     */
    List<String> adopted();

    /**
     * Leaves everything in place on {@link #close()}.
     *
     * @return this run
     */
    BlueprintRun keep();

    /**
     * Deletes everything the run created (workload, claims and their volumes, StorageClass), waits until it is
     * gone and lists what remains. Idempotent, and allowed after {@link #close()} (to finish a cleanup that failed).
     *
     * @return what was deleted and what remains
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
