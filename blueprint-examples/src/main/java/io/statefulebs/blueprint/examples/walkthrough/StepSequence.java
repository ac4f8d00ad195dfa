package io.statefulebs.blueprint.examples.walkthrough;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the walkthrough's steps in order, timing each on the backend's clock and the wall clock, and records how
 * each ended. The first failure stops the sequence: {@link StepFailed} unwinds to the walkthrough, which reports
 * the steps it did not reach as skipped.
 */
final class StepSequence {
    private final Clock clock;
    private final WalkthroughListener listener;
    private final List<WalkthroughStep> planned;
    private final List<StepRecord> records = new ArrayList<>();
    private final Set<WalkthroughStep> done = EnumSet.noneOf(WalkthroughStep.class);

    StepSequence(Clock clock, WalkthroughListener listener, List<WalkthroughStep> planned) {
        this.clock = clock;
        this.listener = listener;
        this.planned = List.copyOf(planned);
    }

    /** Thrown once a step failed and was recorded; carries nothing else. */
    static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    <T> T run(WalkthroughStep step, Supplier<T> body, Function<T, String> outcome) throws StepFailed {
        listener.stepStarted(step);
        Instant started = clock.instant();
        long wallStart = System.nanoTime();
        try {
            T value = body.get();
            record(step, StepOutcome.PASSED, started, wallStart, outcome.apply(value), Optional.empty());
            return value;
        } catch (RuntimeException e) {
            record(step, StepOutcome.FAILED, started, wallStart, describe(e), Optional.of(StepError.of(e)));
            throw new StepFailed(e);
        }
    }

    void skip(WalkthroughStep step, String why) {
        listener.stepStarted(step);
        Instant now = clock.instant();
        done.add(step);
        StepRecord record = new StepRecord(step, StepOutcome.SKIPPED, now, now, Duration.ZERO, why, Optional.empty());
        records.add(record);
        listener.stepEnded(record);
    }

    /** Marks every planned step before {@code limit} that did not run as skipped, in order. */
    void skipUnreachedBefore(WalkthroughStep limit, String why) {
        for (WalkthroughStep step : planned) {
            if (step.compareTo(limit) < 0 && !done.contains(step)) {
                skip(step, why);
            }
        }
    }

    List<StepRecord> records() {
        return List.copyOf(records);
    }

    private void record(WalkthroughStep step, StepOutcome outcome, Instant started, long wallStart, String message,
                        Optional<StepError> error) {
        done.add(step);
        StepRecord record = new StepRecord(step, outcome, started, clock.instant(),
                Duration.ofNanos(System.nanoTime() - wallStart), message, error);
        records.add(record);
        listener.stepEnded(record);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
