package io.statefulebs.blueprint.spi;

/** What a {@link Condition} concludes about the cluster's current state. */
public sealed interface Verdict<T> {
    static <T> Verdict<T> satisfied(T value) {
        return new Satisfied<>(value);
    }

    static <T> Verdict<T> pending(String reason) {
        return new Pending<>(reason);
    }

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
