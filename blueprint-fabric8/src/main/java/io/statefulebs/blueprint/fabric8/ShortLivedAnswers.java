package io.statefulebs.blueprint.fabric8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers about the cluster that rarely change in a backend's life (what the identity may do, whether Karpenter and the
 * EBS CSI driver are installed), kept for {@link #LIFETIME} so that many runs on one backend ask the API server once a
 * minute instead of once each. One instance per backend, shared with its {@link Fabric8Backend#within} views. Only
 * answers the caller chooses to keep are kept (the good news: a fix made on the cluster is seen by the next run at once);
 * two threads that miss at once both read (no lock is held over a request).
 */
final class ShortLivedAnswers {
    /** How long an answer is reused. */
    static final Duration LIFETIME = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<Object, Kept> answers = new ConcurrentHashMap<>();

    ShortLivedAnswers(Clock clock) {
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
        Instant now = clock.instant();
        Kept kept = answers.get(key);
        if (kept != null && now.isBefore(kept.until())) {
            return (T) kept.value();
        }
        T value = read.get();
        if (value != null && keep.test(value)) {
            answers.values().removeIf(k -> !now.isBefore(k.until()));
            answers.put(key, new Kept(value, now.plus(LIFETIME)));
        }
        return value;
    }
}
