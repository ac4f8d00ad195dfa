package io.statefulebs.blueprint.fabric8;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers about the cluster that rarely change in a backend's life (what the identity may do, whether Karpenter and the
 * EBS CSI driver are installed), kept for {@link #LIFETIME} so that many runs on one backend ask the API server once a
 * minute instead of once each. One instance per backend, shared with its {@link Fabric8Backend#within} views. Only
 * answers the caller chooses to keep are kept (the good news: a fix made on the cluster is seen by the next run at once).
 * Threads that miss the same key at once share one read (100 runs starting together ask once): the others wait for it,
 * take its answer if it is kept, and read themselves if it is not (or failed), so no one gets a bad answer second-hand.
 */
final class ShortLivedAnswers {
    /** How long an answer is reused. */
    static final Duration LIFETIME = Duration.ofMinutes(1);

    /** What time it is (the backend's clock; a test's). */
    private final Supplier<Instant> clock;
    private final Map<Object, Kept> answers = new ConcurrentHashMap<>();
    /** The reads under way, by key: completed with the answer if it is kept, with {@link #NOT_KEPT} otherwise. */
    private final Map<Object, CompletableFuture<Object>> reading = new ConcurrentHashMap<>();
    private static final Object NOT_KEPT = new Object();

    ShortLivedAnswers(Supplier<Instant> clock) {
        this.clock = clock;
    }

    private record Kept(Object value, Instant until) {
    }

    /**
     * The answer to {@code key} read within the last {@link #LIFETIME}, else {@code read}'s, kept when {@code keep}
     * accepts it. {@code key}s must be values (records, strings) that say what was asked.
     */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> read, Predicate<? super T> keep) {
        Kept kept = answers.get(key);
        if (kept != null && clock.get().isBefore(kept.until())) {
            return (T) kept.value();
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> theirs = reading.putIfAbsent(key, mine);
        if (theirs != null) {
            Object shared = awaitQuietly(theirs);
            if (shared != NOT_KEPT) {
                return (T) shared;
            }
            T value = read.get();
            keepIfWanted(key, value, keep);
            return value;
        }
        Object outcome = NOT_KEPT;
        try {
            T value = read.get();
            if (keepIfWanted(key, value, keep)) {
                outcome = value;
            }
            return value;
        } finally {
            reading.remove(key, mine);
            mine.complete(outcome);
        }
    }

    private <T> boolean keepIfWanted(Object key, T value, Predicate<? super T> keep) {
        if (value == null || !keep.test(value)) {
            return false;
        }
        Instant now = clock.get();
        answers.values().removeIf(k -> !now.isBefore(k.until()));
        answers.put(key, new Kept(value, now.plus(LIFETIME)));
        return true;
    }

    /** Another thread's read, or {@link #NOT_KEPT} when this thread is interrupted (it then reads, and sees the interrupt). */
    private static Object awaitQuietly(CompletableFuture<Object> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_KEPT;
        } catch (ExecutionException e) {
            return NOT_KEPT;
        }
    }
}
