package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.error.BlueprintInterruptedException;

import java.time.Clock;
import java.time.Instant;

/**
 * The one wait loop: evaluate the condition, and until it is satisfied, fails or the deadline passes, block until
 * the backend reports a change. Backends only supply {@link ClusterBackend#changes}; conditions never sleep.
 */
public final class Waiter {
    private Waiter() {
    }

    /**
     * Blocks until the wait's condition is satisfied (returns its value), fails terminally
     * ({@link io.statefulebs.blueprint.error.WaitFailedException}) or its timeout passes on the backend's clock
     * ({@link io.statefulebs.blueprint.error.WaitTimedOutException}); honours interrupts
     * ({@link BlueprintInterruptedException}).
     *
     * @param <T> the wait's value type
     * @param backend the backend to wait on
     * @param wait the wait
     * @return the condition's value
     */
    public static <T> T await(ClusterBackend backend, Wait<T> wait) {
        Clock clock = backend.clock();
        try (ClusterChanges changes = backend.changes(wait.description(), clock.instant().plus(wait.timeout()))) {
            Instant deadline = changes.deadline();
            while (true) {
                long seen = changes.version();
                // The clock is read before the view: a timeout is declared only from a view taken after the deadline.
                // On a cluster shared by several runs another thread can move time past our deadline while we
                // evaluate; the state we saw is then stale, and one more look decides.
                boolean pastDeadline = !clock.instant().isBefore(deadline);
                Verdict<T> verdict = wait.evaluate(changes.view());
                if (verdict instanceof Verdict.Satisfied<T> satisfied) {
                    return satisfied.value();
                }
                String reason = ((Verdict.Pending<T>) verdict).reason();
                if (pastDeadline) {
                    String troubles = changes.troubles();
                    throw wait.timedOut(changes.view(), troubles.isEmpty() ? reason : reason + " (" + troubles + ")");
                }
                try {
                    changes.awaitChange(seen, deadline);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BlueprintInterruptedException(wait.description(), e);
                }
            }
        }
    }
}
