package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.spi.Wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the backend's API requests under its {@link RetryPolicy}: a request the server answered with 429 Too Many
 * Requests or a 5xx is sent again after a backoff, until it succeeds, fails otherwise, runs out of attempts or the
 * next try would start past the deadline. fabric8's own HTTP retry is switched off for the backend's client (see
 * {@link ClientFactory#withoutBuiltInRetry}), so this is the only retry layer and the deadline holds.
 * The pause between two tries of one request is a bounded, interruptible sleep; waits never poll.
 */
final class ApiCalls {
    private static final int TOO_MANY_REQUESTS = 429;

    private final RetryPolicy policy;
    private final Clock clock;
    /** Null: each call gets the policy's callTimeout from its start; otherwise no call lasts past it either. */
    private final Instant fixedDeadline;

    ApiCalls(RetryPolicy policy, Clock clock) {
        this(policy, clock, null);
    }

    private ApiCalls(RetryPolicy policy, Clock clock, Instant fixedDeadline) {
        this.policy = policy;
        this.clock = clock;
        this.fixedDeadline = fixedDeadline;
    }

    /**
     * The same policy, but no call retries past {@code deadline} either (a wait's, for reads made during a wait, or a
     * step's), whichever of it and the call's own timeout comes first.
     */
    ApiCalls until(Instant deadline) {
        return new ApiCalls(policy, clock, earlier(fixedDeadline, deadline));
    }

    /** {@code wanted}, or less when the deadline comes sooner (but never nothing: a blocked call still gets a moment). */
    Duration capped(Duration wanted) {
        if (fixedDeadline == null) {
            return wanted;
        }
        Duration left = Wait.timeLeft(clock, fixedDeadline);
        return left.compareTo(wanted) < 0 ? left : wanted;
    }

    /** {@code wanted}, or this view's deadline when that comes sooner. */
    Instant capped(Instant wanted) {
        return earlier(fixedDeadline, wanted);
    }

    /** The earlier of two deadlines, either of which may be null (none). */
    static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /** Runs one request with retries, translating its final failure into the API's exceptions. */
    <T> T run(String operation, RequiredAccess access, Supplier<T> request) {
        try {
            return retrying(operation, request);
        } catch (RuntimeException e) {
            throw ApiErrors.translate(operation, access, e);
        }
    }

    /**
     * Runs one request with retries and rethrows its final failure untranslated (for callers that react to status
     * codes): a {@link RetriedFailure} when it was retried or a retry was cut by the deadline, the failure itself otherwise.
     */
    <T> T retrying(String operation, Supplier<T> request) {
        Instant deadline = earlier(fixedDeadline, clock.instant().plus(policy.callTimeout()));
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                Optional<Duration> pause = retryable(e) && attempt < policy.maxAttempts()
                        ? Optional.of(pause(e, attempt)) : Optional.empty();
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (pause.isEmpty() || pause.get().compareTo(remaining) >= 0) {
                    throw attempt == 1 && pause.isEmpty() ? e : new RetriedFailure(e, attempt, pause.isPresent());
                }
                sleep(operation, pause.get());
            }
        }
    }

    /** 429 and 5xx: the server could not serve the request now, and the same request may succeed later. */
    static boolean retryable(Throwable failure) {
        int code = ApiErrors.statusCode(failure);
        return code == TOO_MANY_REQUESTS || code >= 500;
    }

    /** The policy's backoff, or longer when the server asks for it. */
    private Duration pause(Throwable failure, int attempt) {
        Duration backoff = policy.backoff(attempt);
        return retryAfter(failure).filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
    }

    /**
     * The server's Retry-After: fabric8's exceptions keep the Status body (whose details.retryAfterSeconds
     * kube-apiserver sets with the header) but not the headers, except for a refused WebSocket upgrade.
     */
    private static Optional<Duration> retryAfter(Throwable failure) {
        KubernetesClientException api = (KubernetesClientException) ApiErrors.unwrap(failure);
        Status status = api.getStatus();
        if (status != null && status.getDetails() != null && status.getDetails().getRetryAfterSeconds() != null) {
            return seconds(String.valueOf(status.getDetails().getRetryAfterSeconds()));
        }
        return ApiErrors.refusedUpgrade(api).flatMap(response -> Optional.ofNullable(response.header("Retry-After")))
                .flatMap(ApiCalls::seconds);
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: rare from API servers; the backoff applies
        }
    }

    private static void sleep(String operation, Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlueprintInterruptedException(operation, e);
        }
    }

    /** The last failure of a request that was sent {@code attempts} times. */
    static final class RetriedFailure extends RuntimeException {
        private final int attempts;
        private final boolean deadlineReached;

        RetriedFailure(RuntimeException last, int attempts, boolean deadlineReached) {
            super(last.getMessage(), last, false, false);
            this.attempts = attempts;
            this.deadlineReached = deadlineReached;
        }

        /** How the retries ended, for the error message. */
        String outcome() {
            return "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + (deadlineReached ? ", as the next would pass the call's deadline" : "");
        }
    }
}
