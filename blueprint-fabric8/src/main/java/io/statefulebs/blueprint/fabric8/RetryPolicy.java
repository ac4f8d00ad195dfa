package io.statefulebs.blueprint.fabric8;

import java.time.Duration;

/**
 * How the backend retries one API call that the server answered with 429 or 5xx: at most {@code maxAttempts}
 * requests, waiting {@code initialBackoff} doubled per retry up to {@code maxBackoff} (longer when the server asks
 * for it with {@code retryAfterSeconds}), and never past {@code callTimeout} from the call's start nor past the
 * deadline of the wait or step the call belongs to, whichever comes first.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration callTimeout) {
    static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(2));

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1 (1: no retry), was " + maxAttempts);
        }
        requirePositive("retry initialBackoff", initialBackoff);
        requirePositive("retry maxBackoff", maxBackoff);
        requirePositive("callTimeout", callTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /** The pause before retry number {@code retry} (1 for the first retry), before the server's own hint. */
    Duration backoff(int retry) {
        Duration pause = initialBackoff;
        for (int i = 1; i < retry && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
