package io.statefulebs.blueprint.spi;

/** What a {@link Condition} concludes about the cluster's current state. */
public sealed interface Verdict<T> {
    /**
     * The condition holds.
     *
     * @param value what the wait returns
     * @param <T> the wait's value type
     * @return a satisfied verdict
     */
    static <T> Verdict<T> satisfied(T value) {
        return new Satisfied<>(value);
    }

    /**
     * Not yet.
     *
     * @param reason what is missing, reported if the wait times out
     * @param <T> the wait's value type
     * @return a pending verdict
     */
    static <T> Verdict<T> pending(String reason) {
        return new Pending<>(reason);
    }

    /**
     * It never will.
     *
     * @param reason why, reported at once
     * @param <T> the wait's value type
     * @return a failed verdict
     */
    static <T> Verdict<T> failed(String reason) {
        return new Failed<>(reason);
    }

    /** The condition holds; the wait returns {@code value}. */
    record Satisfied<T>(T value) implements Verdict<T> {
    }

    /** Not yet; {@code reason} says what is missing and is reported if the wait times out. */
    record Pending<T>(String reason) implements Verdict<T> {
    }

    /** It never will: the wait ends at once with {@code reason}. */
    record Failed<T>(String reason) implements Verdict<T> {
    }
}
