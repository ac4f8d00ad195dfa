package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.examples.walkthrough.ClaimEvents;
import io.statefulebs.blueprint.examples.walkthrough.ClusterSnapshot;
import io.statefulebs.blueprint.examples.walkthrough.StepRecord;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughListener;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughReport;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughStart;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughStep;
import io.statefulebs.blueprint.examples.walkthrough.ZoneChoice;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.progress.StepStatus;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a walkthrough as it runs: a line per step saying what it waits for, the library's progress within it
 * with cluster and wall time, and each result as the kubectl command of the README would show it. Quiet mode
 * prints only the verdict.
 */
public final class ConsolePrinter implements WalkthroughListener {
    private static final String NODES_COMMAND = "kubectl get nodes -L karpenter.sh/capacity-type,"
            + "beta.kubernetes.io/instance-type,karpenter.sh/nodepool,topology.kubernetes.io/zone"
            + " -l karpenter.sh/initialized=true";

    private final PrintWriter out;
    private final boolean quiet;
    private boolean virtualTime;
    private String filePath = "";
    private List<WalkthroughStep> steps = WalkthroughStep.planned(false);

    public ConsolePrinter(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void started(WalkthroughStart start) {
        virtualTime = start.virtualTime();
        steps = start.steps();
        StatefulEbsBlueprint spec = start.spec();
        filePath = spec.workload().filePath();
        print("Backend: " + start.backend() + " (" + start.backendDescription() + ")");
        print("Run " + spec.runId() + " in namespace " + spec.namespace() + ": " + spec.workload().kind().kind() + " "
                + spec.workload().name() + " with " + spec.workload().replicas() + " replica(s), claim "
                + spec.storage().claimName() + " (" + spec.storage().size() + "), StorageClass "
                + spec.storage().storageClassName());
    }

    @Override
    public void stepStarted(WalkthroughStep step) {
        print("");
        print("[" + (steps.indexOf(step) + 1) + "/" + steps.size() + "] " + step.label() + " (waits for: " + step.awaits() + ")");
    }

    @Override
    public void progress(StepEvent event) {
        if (event.status() != StepStatus.STARTED) {
            print("  - " + event.step() + " " + event.status().name().toLowerCase() + " after "
                    + elapsed(event.clusterElapsed(), event.wallElapsed()) + ": " + firstLine(event.message()));
        }
    }

    @Override
    public void zoneChosen(ZoneChoice choice) {
        if (!choice.offered().isEmpty()) {
            print("zones offered: " + choice.offered().stream().map(AvailabilityZone::name).collect(Collectors.joining(", "))
                    + " (from " + choice.offeredBy() + ")");
        }
        print("zone: " + choice.zone() + " (" + choice.how() + ")");
    }

    @Override
    public void applied(ClaimEvents claim) {
        print("> kubectl describe pvc " + claim.claim().name());
        print("Status:        " + claim.claim().phase());
        print("StorageClass:  " + claim.claim().storageClass());
        block(Tables.events(claim.events(), claim.at()));
    }

    @Override
    public void listed(WalkthroughStep step, ClusterSnapshot snapshot) {
        if (step != WalkthroughStep.SCALE_DOWN) {
            print("> kubectl get pods");
            block(Tables.pods(snapshot));
        }
        if (step == WalkthroughStep.INSPECT) {
            print("> kubectl get pvc");
            block(Tables.claims(snapshot));
        }
        print("> " + NODES_COMMAND);
        block(Tables.nodes(snapshot));
    }

    @Override
    public void fileRead(FileContent content) {
        printFile(content);
    }

    @Override
    public void timePassed(Duration duration) {
        print(KubectlDurations.human(duration) + " of cluster time passed: each writer appended a line");
    }

    @Override
    public void failedOver(FailoverReport report) {
        print("> kubectl delete pod " + report.deletedPod());
        print("replacement pod: " + report.replacementPod());
        printFile(report.after());
        print("earlier content preserved: " + report.preserved());
    }

    @Override
    public void disrupted(DisruptionReport report) {
        print("> kubectl delete nodeclaim " + report.nodeClaim() + "   # node " + report.oldNode());
        print("replicas Ready again on " + report.newNodes() + " in " + report.zone() + " after "
                + KubectlDurations.human(report.duration()) + " (bound " + KubectlDurations.human(report.bound()) + ": "
                + (report.withinBound() ? "within" : "slower") + ")");
        report.delays().forEach(d -> {
            print("delayed by " + d.cause() + ":");
            d.evidence().forEach(e -> print("  " + e));
        });
        print("earlier content preserved: " + report.contentPreserved());
    }

    @Override
    public void cleanedUp(CleanupReport report) {
        print("> kubectl delete -f .");
        report.deleted().forEach(d -> print("deleted " + d));
        print("remaining: " + (report.remaining().isEmpty() ? "none" : String.join(", ", report.remaining())));
    }

    @Override
    public void stepEnded(StepRecord record) {
        String what = record.outcome().name() + " " + record.step().label();
        switch (record.outcome()) {
            case SKIPPED -> print(what + ": " + record.message());
            case PASSED -> print(what + " after " + elapsed(record.clusterTime(), record.wallTime()) + ": " + record.message());
            case FAILED -> print(what + " after " + elapsed(record.clusterTime(), record.wallTime()) + ":\n"
                    + record.message().lines().map(l -> "  " + l).collect(Collectors.joining("\n")));
        }
    }

    @Override
    public void finished(WalkthroughReport report) {
        Duration cluster = report.steps().stream().map(StepRecord::clusterTime).reduce(Duration.ZERO, Duration::plus);
        Duration wall = report.steps().stream().map(StepRecord::wallTime).reduce(Duration.ZERO, Duration::plus);
        String verdict = report.failure()
                .map(f -> "FAILED at step " + f.step().label() + ": " + f.summary())
                .orElse("PASSED: every check of the walkthrough held in zone " + report.zone());
        if (!quiet) {
            print("");
        }
        out.println(verdict + " (" + elapsed(cluster, wall) + ")");
        out.flush();
    }

    private void printFile(FileContent content) {
        print("> kubectl exec " + content.pod() + " -- cat " + (content.path().isEmpty() ? filePath : content.path()));
        content.lines().forEach(this::print);
    }

    private String elapsed(Duration cluster, Duration wall) {
        String wallText = wall.toMillis() + " ms wall";
        return virtualTime ? clock(cluster) + " cluster time, " + wallText : clock(wall) + " (" + wallText + ")";
    }

    /** {@code 0s}, {@code 45s}, {@code 1m52s}, {@code 1h2m3s}: exact, unlike kubectl's rounded ages. */
    private static String clock(Duration d) {
        long s = d.getSeconds();
        String text = (s >= 3600 ? s / 3600 + "h" : "") + (s >= 60 ? s % 3600 / 60 + "m" : "") + s % 60 + "s";
        return text.replace("m0s", "m").replace("h0m", "h");
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    private void block(String text) {
        if (!quiet) {
            out.print(text);
            out.flush();
        }
    }

    private void print(String line) {
        if (!quiet) {
            out.println(line);
            out.flush();
        }
    }
}
