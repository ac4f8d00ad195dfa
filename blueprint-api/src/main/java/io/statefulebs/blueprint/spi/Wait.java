package io.statefulebs.blueprint.spi;

import io.statefulebs.blueprint.error.WaitFailedException;
import io.statefulebs.blueprint.error.WaitTimedOutException;
import io.statefulebs.blueprint.view.WaitDiagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * A wait as data: what is awaited, the one deadline it has, the condition deciding success or terminal failure,
 * and what to report about the cluster if it does not end well. Backends run it with
 * {@link Waiter#await(ClusterBackend, Wait)}, re-evaluating the condition whenever the cluster changes.
 */
public final class Wait<T> {
    private static final Duration MOMENT = Duration.ofMillis(1);
    private final String description;
    private final Duration timeout;
    private final Condition<T> condition;
    private final Function<ClusterView, WaitDiagnostics> diagnostics;

    private Wait(String description, Duration timeout, Condition<T> condition, Function<ClusterView, WaitDiagnostics> diagnostics) {
        this.description = Objects.requireNonNull(description, "description");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.condition = Objects.requireNonNull(condition, "condition");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * A wait for {@code condition}, with no diagnostics.
     *
     * @param description what is awaited, for messages
     * @param timeout how long the wait may last; positive
     * @param condition decides success or terminal failure
     * @param <T> the value the wait returns
     * @return the wait
     */
    public static <T> Wait<T> until(String description, Duration timeout, Condition<T> condition) {
        return new Wait<>(description, timeout, condition, cluster -> WaitDiagnostics.NONE);
    }

    /**
     * The same wait, reporting {@code diagnostics} of the cluster when it times out or fails.
     *
     * @param diagnostics what to report about the cluster
     * @return the diagnosed wait
     */
    public Wait<T> diagnosedBy(Function<ClusterView, WaitDiagnostics> diagnostics) {
        return new Wait<>(description, timeout, condition, diagnostics);
    }

    /**
     * The time left until {@code deadline} on {@code clock}, never less than a millisecond: a wait (or blocked call)
     * given it once the deadline has passed checks its condition once and ends.
     *
     * @param clock the clock to read
     * @param deadline the deadline
     * @return the time left, at least a millisecond
     */
    public static Duration timeLeft(Clock clock, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.compareTo(MOMENT) < 0 ? MOMENT : left;
    }

    /**
     * The same wait with another timeout.
     *
     * @param newTimeout the timeout; positive
     * @return the wait
     */
    public Wait<T> withTimeout(Duration newTimeout) {
        return new Wait<>(description, newTimeout, condition, diagnostics);
    }

    /** {@return what is awaited, for messages} */
    public String description() {
        return description;
    }

    /** {@return how long the wait may last} */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Evaluates the condition once: the value when satisfied, the pending reason otherwise.
     *
     * @param cluster the cluster as the wait sees it
     * @return satisfied or pending
     * @throws WaitFailedException when the condition reports a terminal failure
     */
    public Verdict<T> evaluate(ClusterView cluster) {
        Verdict<T> verdict = condition.evaluate(cluster);
        if (verdict instanceof Verdict.Failed<T> failed) {
            throw new WaitFailedException(description, failed.reason(), diagnostics.apply(cluster));
        }
        return verdict;
    }

    /**
     * The exception a backend throws when the deadline passes; {@code lastReason} is the last pending reason.
     *
     * @param cluster the cluster, for diagnostics
     * @param lastReason the last pending reason
     * @return the exception to throw
     */
    public WaitTimedOutException timedOut(ClusterView cluster, String lastReason) {
        return new WaitTimedOutException(description, timeout, lastReason, diagnostics.apply(cluster));
    }

    @Override
    public String toString() {
        return "Wait[" + description + ", timeout=" + timeout + "]";
    }
}
