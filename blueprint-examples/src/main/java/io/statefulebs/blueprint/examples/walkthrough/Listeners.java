package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.ZoneReport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Several listeners heard as one, in the order given (a printer and a report collector, for example). */
public final class Listeners implements WalkthroughListener {
    private final List<WalkthroughListener> all;

    private Listeners(List<WalkthroughListener> all) {
        this.all = all;
    }

    public static WalkthroughListener of(WalkthroughListener... listeners) {
        List<WalkthroughListener> all = List.of(listeners);
        all.forEach(l -> Objects.requireNonNull(l, "listener"));
        return all.size() == 1 ? all.get(0) : new Listeners(all);
    }

    private void each(Consumer<WalkthroughListener> call) {
        all.forEach(call);
    }

    @Override
    public void started(WalkthroughStart start) {
        each(l -> l.started(start));
    }

    @Override
    public void stepStarted(WalkthroughStep step) {
        each(l -> l.stepStarted(step));
    }

    @Override
    public void progress(StepEvent event) {
        each(l -> l.progress(event));
    }

    @Override
    public void zoneChosen(ZoneChoice choice) {
        each(l -> l.zoneChosen(choice));
    }

    @Override
    public void applied(ClaimEvents claim) {
        each(l -> l.applied(claim));
    }

    @Override
    public void listed(WalkthroughStep step, ClusterSnapshot snapshot) {
        each(l -> l.listed(step, snapshot));
    }

    @Override
    public void zoneVerified(ZoneReport report) {
        each(l -> l.zoneVerified(report));
    }

    @Override
    public void fileRead(FileContent content) {
        each(l -> l.fileRead(content));
    }

    @Override
    public void timePassed(Duration duration) {
        each(l -> l.timePassed(duration));
    }

    @Override
    public void failedOver(FailoverReport report) {
        each(l -> l.failedOver(report));
    }

    @Override
    public void disrupted(DisruptionReport report) {
        each(l -> l.disrupted(report));
    }

    @Override
    public void cleanedUp(CleanupReport report) {
        each(l -> l.cleanedUp(report));
    }

    @Override
    public void stepEnded(StepRecord record) {
        each(l -> l.stepEnded(record));
    }

    @Override
    public void finished(WalkthroughReport report) {
        each(l -> l.finished(report));
    }
}
