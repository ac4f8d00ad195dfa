package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.error.BlueprintException;
import io.statefulebs.blueprint.error.FileReadException;
import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.error.OwnershipException;
import io.statefulebs.blueprint.error.SpecProblem;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.spec.WorkloadSpec;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.IntegrityReport;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.ZoneReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The run handle: each walkthrough step as one call over a {@link ClusterBackend}. */
final class DefaultBlueprintRun implements BlueprintRun {
    private final StatefulEbsBlueprint blueprint;
    private final ClusterBackend backend;
    private final boolean ownsBackend;
    private final StepRunner steps;
    private final RunScope scope;
    private int replicas;
    private final Set<String> nodesToRelease = new LinkedHashSet<>();
    private boolean kept;
    private CleanupReport cleanup;
    private final List<String> adopted;
    private boolean closed;

    DefaultBlueprintRun(StatefulEbsBlueprint blueprint, ClusterBackend backend, boolean ownsBackend, StepRunner steps,
                        List<String> adopted) {
        this.adopted = List.copyOf(adopted);
        this.blueprint = blueprint;
        this.backend = backend;
        this.ownsBackend = ownsBackend;
        this.steps = steps;
        this.scope = new RunScope(blueprint);
        this.replicas = blueprint.workload().replicas();
    }

    @Override
    public StatefulEbsBlueprint blueprint() {
        return blueprint;
    }

    @Override
    public String backendName() {
        return backend.name();
    }

    @Override
    public BlueprintRun awaitReady(Duration timeout) {
        requireOpen();
        int expected = replicas;
        steps.run("await-ready", "wait for the claims to be Bound and " + expected + " pod(s) Running",
                () -> Waiter.await(backend, RunConditions.ready(scope, expected, timeout)),
                pods -> expected + " pod(s) Running on " + pods.stream().map(PodView::node).distinct().toList());
        return this;
    }

    @Override
    public List<NodeView> nodes() {
        requireOpen();
        return backend.nodes().stream().filter(n -> n.karpenterManaged() && n.initialized()).toList();
    }

    @Override
    public List<NodeView> workloadNodes() {
        requireOpen();
        return workloadNodes(backend);
    }

    private List<NodeView> workloadNodes(ClusterView cluster) {
        Set<String> names = scope.pods(cluster).stream().map(PodView::node).filter(n -> !n.isEmpty()).collect(Collectors.toSet());
        return cluster.nodes().stream().filter(n -> names.contains(n.name())).toList();
    }

    @Override
    public ClaimView claim() {
        requireOpen();
        return claims().stream().findFirst().orElseThrow(() -> new VerificationFailedException(
                "no claim of run " + blueprint.runId() + " exists in namespace " + blueprint.namespace()));
    }

    @Override
    public List<ClaimView> claims() {
        requireOpen();
        return scope.claims(backend);
    }

    @Override
    public List<PodView> pods() {
        requireOpen();
        return scope.pods(backend);
    }

    @Override
    public List<EventView> events() {
        requireOpen();
        return RunDiagnostics.relevantEvents(scope, backend, pods(), claims());
    }

    @Override
    public FileContent readFile(String path) {
        requireOpen();
        return steps.run("read-file", "read " + path + " from the newest pod", () -> read(backend, path),
                content -> content.lines().size() + " line(s) of " + path + " read from " + content.pod());
    }

    /** The pod to read from is picked as {@code via} watches the cluster: every caller has just waited for it. */
    private FileContent read(ClusterBackend via, String path) {
        PodView pod = scope.newestRunningPod(via.watchedView()).orElseThrow(() -> new VerificationFailedException(
                "no running pod of " + scope.workload() + " to read " + path + " from: call awaitReady() first"));
        ExecResult result = via.exec(pod.namespace(), pod.name(), List.of("cat", path));
        if (!result.succeeded()) {
            throw new FileReadException(pod.name(), path, result.exitCode(), result.stderr());
        }
        return FileContent.parse(pod.name(), path, result.stdout());
    }

    @Override
    public FailoverReport failover(Duration timeout) {
        requireOpen();
        String path = blueprint.workload().filePath();
        return steps.run("failover", "delete the newest pod, await its replacement, check " + path + " survived", () -> {
            new AccessChecks().need("delete", ResourceRef.pod(blueprint.namespace(), "")).require(backend, "failover");
            StepDeadline deadline = StepDeadline.after(backend, timeout);
            FileContent before = read(deadline.backend(), path);
            PodView victim = scope.pods(deadline.backend()).stream().filter(p -> p.name().equals(before.pod())).findFirst()
                    .orElseThrow(() -> new VerificationFailedException("pod " + before.pod() + " vanished before the failover deleted it"));
            deadline.backend().delete(ResourceRef.pod(blueprint.namespace(), victim.name()));
            Waiter.await(deadline.backend(), RunConditions.replaced(scope, victim, replicas, deadline.remaining()));
            FileContent after = read(deadline.backend(), path);
            if (!after.startsWith(before)) {
                throw new VerificationFailedException("content of " + path + " was lost after deleting pod " + before.pod()
                        + ": before " + before.lines() + ", after (from " + after.pod() + ") " + after.lines());
            }
            if (blueprint.workload().integrityWriter()) {
                requireIntact(after, "after the failover");
            }
            return new FailoverReport(before.pod(), after.pod(), before, after, true);
        }, report -> report.before().lines().size() + " earlier line(s) still there in " + report.replacementPod()
                + ", " + report.after().lines().size() + " now");
    }

    @Override
    public BlueprintRun scale(int newReplicas) {
        requireOpen();
        if (newReplicas < 0 || newReplicas > WorkloadSpec.MAX_REPLICAS) {
            throw new InvalidSpecException(List.of(new SpecProblem("replicas", String.valueOf(newReplicas),
                    "use 0 to " + WorkloadSpec.MAX_REPLICAS + " replicas")));
        }
        steps.run("scale", "scale " + scope.workload() + " to " + newReplicas, () -> {
            if (newReplicas == 0) {
                workloadNodes().forEach(n -> nodesToRelease.add(n.name()));
            }
            List<Finding> foreign = Ownership.foreignStatefulSetClaims(backend, blueprint, newReplicas, false);
            if (!foreign.isEmpty()) {
                throw new OwnershipException(blueprint.runId(), foreign);
            }
            new AccessChecks().need("patch", scope.workload()).require(backend, "scale");
            backend.scale(scope.workload(), newReplicas);
            replicas = newReplicas;
        });
        return this;
    }

    @Override
    public BlueprintRun awaitNodesReleased(Duration timeout) {
        requireOpen();
        if (replicas != 0) {
            throw new IllegalStateException("nodes are released only after scale(0); the run has " + replicas + " replica(s)");
        }
        Set<String> nodes = Set.copyOf(nodesToRelease);
        steps.run("await-nodes-released", "wait for consolidation to remove " + (nodes.isEmpty() ? "the workload's nodes" : nodes),
                () -> Waiter.await(backend, RunConditions.nodesReleased(scope, nodes, timeout)),
                released -> released.isEmpty() ? "no node ran the workload" : "node(s) " + released + " removed");
        nodesToRelease.clear();
        return this;
    }

    @Override
    public ZoneReport verifyZone() {
        requireOpen();
        String zone = zone();
        return steps.run("verify-zone", "check the workload's nodes and volumes are in " + zone, () -> {
            // As the backend watches the cluster: verifications follow the waits that watched these objects.
            ClusterView watched = backend.watchedView();
            List<NodeView> nodes = workloadNodes(watched);
            List<ClaimView> bound = scope.claims(watched).stream().filter(ClaimView::bound).toList();
            List<String> wrong = new ArrayList<>();
            nodes.stream().filter(n -> !n.zone().equals(zone)).forEach(n -> wrong.add("node " + n.name() + " is in " + n.zone()));
            bound.stream().filter(c -> !c.zone().equals(zone)).forEach(c -> wrong.add("volume " + c.volumeName() + " of claim "
                    + c.name() + " is in " + c.zone()));
            if (replicas > 0 && nodes.isEmpty()) {
                wrong.add("no node runs the workload yet: call awaitReady() first");
            }
            if (!wrong.isEmpty()) {
                throw new VerificationFailedException("expected everything in zone " + zone + ", but " + String.join("; ", wrong));
            }
            return new ZoneReport(zone, nodes, bound);
        }, report -> report.nodes().size() + " node(s) and " + report.claims().size() + " volume(s) in " + zone);
    }

    @Override
    public IntegrityReport verifyIntegrity() {
        requireOpen();
        if (!blueprint.workload().integrityWriter()) {
            throw new IllegalStateException("run " + blueprint.runId() + " runs the blueprint's writer, whose lines carry no"
                    + " sequence or checksum: deploy with workload(w -> w.integrityWriter(true)) to check integrity");
        }
        String path = blueprint.workload().filePath();
        return steps.run("verify-integrity", "check every writer's lines in " + path + " are contiguous, unique and intact",
                () -> requireIntact(read(backend, path), "now"),
                r -> r.content().lines().size() + " line(s) of " + r.linesPerWriter().size() + " writer(s) intact");
    }

    /** With the integrity writer, the file's lines must be intact after {@code when}; a no-op otherwise. */
    private IntegrityReport requireIntact(FileContent content, String when) {
        IntegrityReport report = IntegrityCheck.of(content);
        if (!report.intact()) {
            throw new VerificationFailedException("the lines of " + content.path() + " (read from " + content.pod() + ") are not"
                    + " intact " + when + ": " + String.join("; ", report.problems()));
        }
        return report;
    }

    private void checkIntegrityAfter(ClusterBackend via, String when) {
        if (blueprint.workload().integrityWriter()) {
            requireIntact(read(via, blueprint.workload().filePath()), when);
        }
    }

    @Override
    public List<MultiAttachDiagnosis> diagnoseMultiAttach() {
        requireOpen();
        return MultiAttachDetector.diagnose(scope, backend);
    }

    @Override
    public MultiAttachRecovery recoverMultiAttach(MultiAttachPolicy policy, Duration timeout) {
        requireOpen();
        return steps.run("recover-multi-attach", "recover from Multi-Attach errors by policy " + policy, () -> {
            MultiAttachRecoveries.access(policy).require(backend, "recover by " + policy);
            Instant start = backend.clock().instant();
            StepDeadline deadline = StepDeadline.after(backend, timeout);
            List<MultiAttachDiagnosis> diagnoses = MultiAttachDetector.diagnose(scope, deadline.backend());
            List<String> actions = diagnoses.stream().map(d -> MultiAttachRecoveries.act(policy, d, deadline.backend())).toList();
            Waiter.await(deadline.backend(), RunConditions.ready(scope, replicas, deadline.remaining()));
            checkIntegrityAfter(deadline.backend(), "after the recovery");
            return new MultiAttachRecovery(diagnoses, policy, actions, Duration.between(start, backend.clock().instant()));
        }, r -> r.diagnoses().size() + " volume(s) recovered in " + r.timeToRecover() + ": " + r.actions());
    }

    @Override
    public DisruptionReport disruptNode(DisruptionOptions options) {
        requireOpen();
        Objects.requireNonNull(options, "options");
        if (replicas == 0) {
            throw new IllegalStateException("no replica runs (scale(0) was called): scale up and awaitReady() before disruptNode");
        }
        String path = blueprint.workload().filePath();
        return steps.run("disrupt-node", "ask Karpenter to replace the run's node, await every replica Ready in " + zone(), () -> {
            NodeDisruptions.capability(backend);
            NodeDisruptions.access().require(backend, "disrupt node");
            StepDeadline deadline = StepDeadline.after(backend, options.timeout());
            DisruptionReport report = new NodeDisruptions(scope, replicas, options).run(deadline.backend(), deadline.remaining(),
                    via -> read(via, path));
            if (blueprint.workload().integrityWriter()) {
                requireIntact(report.after(), "after the node was replaced");
            }
            return report;
        }, r -> "node " + r.oldNode() + " replaced by " + r.newNodes() + " in " + r.duration()
                + (r.withinBound() ? " (within " : " (slower than ") + r.bound() + ")"
                + (r.delays().isEmpty() ? "" : ", delayed by " + r.causes().stream().sorted().toList())
                + "; " + r.before().lines().size() + " earlier line(s) still there");
    }

    @Override
    public BlueprintRun keep() {
        requireOpen();
        kept = true;
        return this;
    }

    @Override
    public CleanupReport cleanup() {
        if (cleanup == null || !cleanup.clean()) {
            cleanup = steps.run("cleanup", "delete every object of run " + blueprint.runId(),
                    () -> RunCleanup.run(backend, blueprint.namespace(), blueprint.runId(), DEFAULT_TIMEOUT,
                            blueprint.render().items().stream().map(Manifest::ref).toList()),
                    report -> report.deleted().size() + " object(s) deleted, " + report.remaining().size() + " remaining"
                            + (report.leftAlone().isEmpty() ? "" : ", left alone (no longer this run's): " + report.leftAlone()));
        }
        return cleanup;
    }

    @Override
    public List<String> adopted() {
        return adopted;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!kept) {
                CleanupReport report;
                try {
                    report = cleanup();
                } catch (BlueprintException e) {
                    VerificationFailedException failed = new VerificationFailedException("cleanup of run " + blueprint.runId()
                            + " failed: " + e.getMessage() + ". " + finishWith());
                    failed.initCause(e);
                    throw failed;
                }
                if (!report.clean()) {
                    throw new VerificationFailedException("cleanup of run " + blueprint.runId() + " left " + report.remaining()
                            + ". " + finishWith());
                }
            }
        } finally {
            if (ownsBackend) {
                backend.close();
            }
        }
    }

    /** The exact call that finishes a cleanup this run could not complete. */
    private String finishWith() {
        return "Finish it with Cleanup.run(backend, \"" + blueprint.namespace() + "\", \"" + blueprint.runId() + "\", timeout)"
                + (ownsBackend ? "" : " or run.cleanup()");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("run " + blueprint.runId() + " is closed"
                    + (kept ? " (kept: its objects are still on the cluster; remove them with Cleanup.run(...))" : ""));
        }
    }

    @Override
    public String toString() {
        return "BlueprintRun[" + blueprint.runId() + " on " + backend.name() + ", zone " + zone() + ", " + replicas + " replica(s)"
                + (kept ? ", kept" : "") + (closed ? ", closed" : "") + "]";
    }
}
