package io.statefulebs.blueprint.examples.walkthrough;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a step failed, as code can branch on it: the exception's class name (one of the library's typed exceptions,
 * e.g. {@code io.statefulebs.blueprint.error.WaitTimedOutException}) and, when it wraps another one, that cause's
 * class name and message.
 */
public record StepError(String type, Optional<String> cause) {
    public StepError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cause, "cause");
    }

    static StepError of(Throwable failure) {
        Throwable cause = failure.getCause();
        return new StepError(failure.getClass().getName(), cause == null || cause == failure ? Optional.empty()
                : Optional.of(cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
    }
}
