package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.progress.StepEvent;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.DisruptionReport;
import io.statefulebs.blueprint.view.FailoverReport;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.ZoneReport;

import java.time.Duration;

/**
 * Hears a walkthrough as it happens: each step starting and ending, the library's own progress events within a
 * step, and each step's typed result. Called on the thread running the walkthrough. Every method is optional.
 */
public interface WalkthroughListener {
    default void started(WalkthroughStart start) {
    }

    default void stepStarted(WalkthroughStep step) {
    }

    /** A step of the library (e.g. {@code await-ready}) within the current walkthrough step. */
    default void progress(StepEvent event) {
    }

    default void zoneChosen(ZoneChoice choice) {
    }

    default void applied(ClaimEvents claim) {
    }

    /** The cluster as the walkthrough listed it in {@code step}: after await-ready, scale-down and scale-up. */
    default void listed(WalkthroughStep step, ClusterSnapshot snapshot) {
    }

    default void zoneVerified(ZoneReport report) {
    }

    default void fileRead(FileContent content) {
    }

    default void timePassed(Duration duration) {
    }

    default void failedOver(FailoverReport report) {
    }

    default void disrupted(DisruptionReport report) {
    }

    default void cleanedUp(CleanupReport report) {
    }

    default void stepEnded(StepRecord record) {
    }

    default void finished(WalkthroughReport report) {
    }
}
