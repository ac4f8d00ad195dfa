package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DeployOptions;
import io.statefulebs.blueprint.DisruptionOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.ZoneSelector;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.VerificationFailedException;
import io.statefulebs.blueprint.examples.walkthrough.StepSequence.StepFailed;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ZoneReport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The blueprint's README as a sequence of checked steps (see {@link WalkthroughStep}): choose a zone, apply, wait
 * until ready, list, verify the zone, read the file, let the writers write, fail over a pod, scale to 0 and back,
 * clean up. It prints nothing: a {@link WalkthroughListener} hears each step, and {@link #run} returns the typed
 * {@link WalkthroughReport}. The backend is the caller's and is never closed here.
 *
 * <p>After a failed step the remaining steps are skipped, except cleanup, which still runs (unless kept) so a
 * failed walkthrough leaves nothing behind.
 */
public final class Walkthrough {
    private final StatefulEbsBlueprint spec;
    private final ClusterBackend backend;
    private final String backendDescription;
    private final Optional<ZoneSource> zoneSource;
    private final Optional<VirtualTime> virtualTime;
    private final boolean keep;
    private final Duration timeout;
    private final Optional<DisruptionOptions> disruption;

    private Walkthrough(Builder b) {
        disruption = Optional.ofNullable(b.disruption);
        spec = Objects.requireNonNull(b.spec, "spec");
        backend = Objects.requireNonNull(b.backend, "backend");
        backendDescription = b.backendDescription != null ? b.backendDescription : backend.name();
        zoneSource = Optional.ofNullable(b.zoneSource);
        virtualTime = Optional.ofNullable(b.virtualTime);
        keep = b.keep;
        timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public WalkthroughReport run(WalkthroughListener listener) {
        listener.started(new WalkthroughStart(backend.name(), backendDescription, virtualTime.isPresent(), spec,
                WalkthroughStep.planned(disruption.isPresent()), backend.clock().instant()));
        Execution execution = new Execution(listener);
        WalkthroughReport report = execution.run();
        listener.finished(report);
        return report;
    }

    /** The state of one run of the walkthrough: the run handle and each step's result so far. */
    private final class Execution {
        private final WalkthroughListener listener;
        private final StepSequence steps;
        private String zone = "";
        private BlueprintRun run;
        private ClaimEvents applied;
        private ClusterSnapshot ready;
        private ZoneReport zoneVerified;
        private FileContent firstRead;
        private FailoverReport failover;
        private DisruptionReport disrupted;
        private ClusterSnapshot afterScaleDown;
        private ClusterSnapshot afterScaleUp;
        private CleanupReport cleanup;

        Execution(WalkthroughListener listener) {
            this.listener = listener;
            this.steps = new StepSequence(backend.clock(), listener, WalkthroughStep.planned(disruption.isPresent()));
        }

        WalkthroughReport run() {
            try {
                runSteps();
            } catch (StepFailed alreadyRecorded) {
                steps.skipUnreachedBefore(WalkthroughStep.CLEANUP, "not run: an earlier step failed");
            }
            finish();
            return new WalkthroughReport(backend.name(), spec.runId(), spec.namespace(), zone, steps.records(),
                    Optional.ofNullable(applied), Optional.ofNullable(ready), Optional.ofNullable(zoneVerified),
                    Optional.ofNullable(firstRead), Optional.ofNullable(failover), Optional.ofNullable(disrupted),
                    Optional.ofNullable(afterScaleDown),
                    Optional.ofNullable(afterScaleUp), Optional.ofNullable(cleanup));
        }

        private void runSteps() throws StepFailed {
            int replicas = spec.workload().replicas();
            StatefulEbsBlueprint blueprint = steps.run(WalkthroughStep.ZONE, this::chooseZone,
                    b -> "zone " + b.zone().orElseThrow());
            steps.run(WalkthroughStep.APPLY, () -> apply(blueprint), this::describeApplied);
            steps.run(WalkthroughStep.AWAIT_READY, () -> run.awaitReady(timeout),
                    r -> "claim(s) Bound and " + replicas + " pod(s) Running");
            ready = steps.run(WalkthroughStep.INSPECT, () -> snapshot(WalkthroughStep.INSPECT), Walkthrough::describe);
            zoneVerified = steps.run(WalkthroughStep.VERIFY_ZONE, this::verifyZone,
                    z -> z.nodes().size() + " node(s) and " + z.claims().size() + " volume(s) in " + z.zone());
            firstRead = steps.run(WalkthroughStep.READ_FILE, this::readFile,
                    f -> f.lines().size() + " line(s) in " + f.path() + " of pod " + f.pod());
            letTimePass();
            failover = steps.run(WalkthroughStep.FAILOVER, this::failOver,
                    f -> "pod " + f.deletedPod() + " replaced by " + f.replacementPod() + "; all " + f.before().lines().size()
                            + " earlier line(s) kept, " + f.after().lines().size() + " now");
            if (disruption.isPresent()) {
                disrupted = steps.run(WalkthroughStep.DISRUPT, this::disrupt, Walkthrough::describe);
            }
            afterScaleDown = steps.run(WalkthroughStep.SCALE_DOWN, this::scaleDown,
                    s -> "0 replicas; " + s.nodes().size() + " Karpenter node(s) left");
            afterScaleUp = steps.run(WalkthroughStep.SCALE_UP, () -> scaleUp(replicas),
                    s -> replicas + " pod(s) Running again on " + s.pods().stream().map(p -> p.node()).distinct().toList()
                            + " in " + s.nodeZones());
        }

        private StatefulEbsBlueprint chooseZone() {
            ZoneChoice choice;
            if (spec.zone().isPresent()) {
                // A given zone needs no source: list the zones only where that costs nothing and cannot fail.
                Optional<ZoneSource> listing = zoneSource.or(() -> backend instanceof ZoneSource own ? Optional.of(own) : Optional.empty());
                choice = new ZoneChoice(spec.zone().get(), "given", listing.map(ZoneSource::availableZones).orElse(List.of()),
                        listing.map(ZoneSource::description).orElse(""));
            } else {
                ZoneSelector selector = spec.zoneSelector().orElseThrow();
                ZoneSource source = zoneSource.orElseGet(() -> Zones.ofCluster(backend, spec));
                List<AvailabilityZone> offered = source.availableZones();
                choice = new ZoneChoice(selector.choose(offered), selector.description(), offered, source.description());
            }
            zone = choice.zone();
            listener.zoneChosen(choice);
            return spec.withZone(choice.zone());
        }

        private BlueprintRun apply(StatefulEbsBlueprint blueprint) {
            run = blueprint.deploy(DeployOptions.builder().backend(backend).listener(listener::progress).build());
            // A StatefulSet's claims come with its pods (volumeClaimTemplates): there may be none yet.
            run.claims().stream().findFirst().ifPresent(claim -> {
                applied = new ClaimEvents(claim, run.events().stream()
                        .filter(e -> e.about("PersistentVolumeClaim", claim.name())).toList(), backend.clock().instant());
                listener.applied(applied);
            });
            return run;
        }

        private String describeApplied(BlueprintRun deployed) {
            String objects = "StorageClass, claim and " + deployed.blueprint().workload().kind().kind() + " applied";
            if (applied == null) {
                return objects + "; the claims come with the pods";
            }
            return objects + "; claim " + applied.claim().name() + " " + applied.claim().phase()
                    + (applied.waitingForFirstConsumer() ? ", WaitForFirstConsumer" : "");
        }

        private ClusterSnapshot snapshot(WalkthroughStep step) {
            ClusterSnapshot snapshot = new ClusterSnapshot(backend.clock().instant(), run.pods(), run.claims(), run.nodes());
            listener.listed(step, snapshot);
            return snapshot;
        }

        private ZoneReport verifyZone() {
            ZoneReport report = run.verifyZone();
            listener.zoneVerified(report);
            return report;
        }

        private FileContent readFile() {
            FileContent content = run.readFile();
            if (content.lines().isEmpty()) {
                throw new VerificationFailedException(content.path() + " in pod " + content.pod() + " is empty: the writer"
                        + " should have written a line when it started");
            }
            listener.fileRead(content);
            return content;
        }

        private void letTimePass() throws StepFailed {
            Duration interval = spec.workload().writeInterval();
            if (virtualTime.isEmpty()) {
                steps.skip(WalkthroughStep.LET_TIME_PASS, "real cluster: its time cannot be skipped; the failover reads"
                        + " whatever was written meanwhile");
                return;
            }
            steps.run(WalkthroughStep.LET_TIME_PASS, () -> {
                virtualTime.get().advance(interval);
                listener.timePassed(interval);
                return interval;
            }, d -> d.toMinutes() + "m of cluster time passed");
        }

        private FailoverReport failOver() {
            FailoverReport report = run.failover(timeout);
            listener.failedOver(report);
            return report;
        }

        /** Fails the step when slower than the bound: the report (and its classification) is still recorded and heard. */
        private DisruptionReport disrupt() {
            DisruptionReport report = run.disruptNode(disruption.orElseThrow());
            disrupted = report;
            listener.disrupted(report);
            if (!report.withinBound()) {
                throw new VerificationFailedException("node " + report.oldNode() + " was replaced in "
                        + seconds(report.duration()) + ", slower than the bound of "
                        + seconds(report.bound()) + (report.delays().isEmpty() ? " (no cause found in the events)"
                        : ", delayed by " + report.causes().stream().sorted().toList()));
            }
            return report;
        }

        private ClusterSnapshot scaleDown() {
            run.scale(0).awaitNodesReleased(timeout);
            return snapshot(WalkthroughStep.SCALE_DOWN);
        }

        private ClusterSnapshot scaleUp(int replicas) {
            run.scale(replicas).awaitReady(timeout);
            ZoneReport report = run.verifyZone();
            listener.zoneVerified(report);
            return snapshot(WalkthroughStep.SCALE_UP);
        }

        private void finish() {
            if (run == null) {
                steps.skip(WalkthroughStep.CLEANUP, "nothing to delete: the blueprint was not deployed");
                return;
            }
            try {
                if (keep) {
                    steps.skip(WalkthroughStep.CLEANUP, "kept: run " + spec.runId() + " stays in namespace "
                            + spec.namespace() + " (objects labelled with its run id)");
                } else {
                    cleanup = steps.run(WalkthroughStep.CLEANUP, this::cleanUp,
                            c -> c.deleted().size() + " object(s) deleted, " + c.remaining().size() + " remaining");
                }
            } catch (StepFailed alreadyRecorded) {
                // recorded as the cleanup step's failure
            } finally {
                // Cleanup was done (or declined) above; close() must not try again, only release what the run holds.
                run.keep();
                run.close();
            }
        }

        private CleanupReport cleanUp() {
            CleanupReport report = run.cleanup();
            listener.cleanedUp(report);
            if (!report.clean()) {
                throw new VerificationFailedException("cleanup left " + report.remaining());
            }
            return report;
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }

    private static String describe(DisruptionReport r) {
        return "node " + r.oldNode() + " (NodeClaim " + r.nodeClaim() + ") replaced by " + r.newNodes() + " in " + r.zone() + " in "
                + seconds(r.duration()) + ", within the bound of " + seconds(r.bound())
                + (r.delays().isEmpty() ? "" : ", delayed by " + r.causes().stream().sorted().toList())
                + "; all " + r.before().lines().size() + " earlier line(s) kept";
    }

    private static String describe(ClusterSnapshot s) {
        return s.pods().size() + " pod(s), " + s.claims().stream().filter(ClaimView::bound).count() + " claim(s) Bound, "
                + s.nodes().size() + " node(s): " + s.nodes().stream().map(NodeView::name).toList();
    }

    public static final class Builder {
        private StatefulEbsBlueprint spec;
        private ClusterBackend backend;
        private String backendDescription;
        private ZoneSource zoneSource;
        private VirtualTime virtualTime;
        private boolean keep;
        private Duration timeout = BlueprintRun.DEFAULT_TIMEOUT;
        private DisruptionOptions disruption;

        private Builder() {
        }

        /** The blueprint to walk through; its zone may still be a selector. */
        public Builder spec(StatefulEbsBlueprint spec) {
            this.spec = spec;
            return this;
        }

        /** The cluster; the walkthrough never closes it. */
        public Builder backend(ClusterBackend backend) {
            this.backend = backend;
            return this;
        }

        /** Says which cluster this is, for people, e.g. "simulated cluster eu-west-2, seed 42". */
        public Builder backendDescription(String description) {
            this.backendDescription = description;
            return this;
        }

        /** Where a zone selector finds zones instead of the backend's own (e.g. the AWS account's). */
        public Builder zoneSource(ZoneSource source) {
            this.zoneSource = source;
            return this;
        }

        /** Lets the walkthrough skip the writers' interval instead of skipping the step. */
        public Builder virtualTime(VirtualTime virtualTime) {
            this.virtualTime = virtualTime;
            return this;
        }

        /** Leaves everything in place at the end. */
        public Builder keep(boolean keep) {
            this.keep = keep;
            return this;
        }

        /** The timeout of each wait, on the backend's clock. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Adds the disrupt step after the failover: Karpenter replaces the pods' node, measured against the options' bound. */
        public Builder disrupt(DisruptionOptions options) {
            this.disruption = Objects.requireNonNull(options, "options");
            return this;
        }

        public Walkthrough build() {
            return new Walkthrough(this);
        }
    }
}
