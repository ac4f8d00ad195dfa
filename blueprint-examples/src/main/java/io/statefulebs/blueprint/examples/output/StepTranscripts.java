package io.statefulebs.blueprint.examples.output;

import io.statefulebs.blueprint.examples.walkthrough.ClaimEvents;
import io.statefulebs.blueprint.examples.walkthrough.ClusterSnapshot;
import io.statefulebs.blueprint.examples.walkthrough.StepRecord;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughListener;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughStart;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughStep;
import io.statefulebs.blueprint.examples.walkthrough.ZoneChoice;
import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.ZoneReport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the console printer (not quiet) prints for each step, kept per step: the kubectl-style output a JUnit
 * report's {@code system-out} carries, whatever the console itself showed.
 */
public final class StepTranscripts implements WalkthroughListener {
    private final StringWriter text = new StringWriter();
    private final ConsolePrinter printer = new ConsolePrinter(new PrintWriter(text, true), false);
    private final Map<WalkthroughStep, String> byStep = new EnumMap<>(WalkthroughStep.class);
    private int stepStart;

    /** What {@code step} printed, from its header to its verdict; empty when it did not run. */
    public String of(WalkthroughStep step) {
        return byStep.getOrDefault(step, "");
    }

    @Override
    public void started(WalkthroughStart start) {
        printer.started(start);
    }

    @Override
    public void stepStarted(WalkthroughStep step) {
        stepStart = text.getBuffer().length();
        printer.stepStarted(step);
    }

    @Override
    public void progress(StepEvent event) {
        printer.progress(event);
    }

    @Override
    public void zoneChosen(ZoneChoice choice) {
        printer.zoneChosen(choice);
    }

    @Override
    public void applied(ClaimEvents claim) {
        printer.applied(claim);
    }

    @Override
    public void listed(WalkthroughStep step, ClusterSnapshot snapshot) {
        printer.listed(step, snapshot);
    }

    @Override
    public void zoneVerified(ZoneReport report) {
        printer.zoneVerified(report);
    }

    @Override
    public void fileRead(FileContent content) {
        printer.fileRead(content);
    }

    @Override
    public void timePassed(Duration duration) {
        printer.timePassed(duration);
    }

    @Override
    public void failedOver(FailoverReport report) {
        printer.failedOver(report);
    }

    @Override
    public void cleanedUp(CleanupReport report) {
        printer.cleanedUp(report);
    }

    @Override
    public void stepEnded(StepRecord record) {
        printer.stepEnded(record);
        byStep.put(record.step(), text.getBuffer().substring(stepStart).strip() + "\n");
    }
}
