package io.statefulebs.blueprint.error;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A backend call failed (API error, connection loss, permission denied). Code can branch on {@link #kind()},
 * {@link #status()} and {@link #retryable()}; the message names the operation and the fix. The backend's own
 * exception is the cause, but none of its types appear in this library's signatures.
 */
public class BackendException extends BlueprintException {
    /** What went wrong, independent of the backend. */
    public enum Kind {
        /** No answer: connection refused, DNS, TLS trust, a dropped connection or a timed-out request. */
        UNREACHABLE(true),
        /** 401: the credentials were rejected (expired token, wrong context). */
        UNAUTHORIZED(false),
        /** 403: the identity lacks a permission; see {@link ForbiddenException}. */
        FORBIDDEN(false),
        /** 404: the object (or kind) does not exist. */
        NOT_FOUND(false),
        /** 409: someone else changed or created the object first; re-read before trying again. */
        CONFLICT(false),
        /** 429: the API server asked for fewer requests. */
        THROTTLED(true),
        /** 5xx: the API server failed. */
        SERVER_ERROR(true),
        /** 400/422: the server refused the object as invalid. */
        INVALID(false),
        /** The backend does not offer the operation (a missing capability). */
        UNSUPPORTED(false),
        /** Anything else; the message and cause say what. */
        OTHER(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** {@return whether the same call may succeed if sent again later} */
        public boolean retryable() {
            return retryable;
        }
    }

    /** What the library was doing. */
    private final String operation;
    /** What went wrong. */
    private final Kind kind;
    /** The HTTP status of the answer, 0 when there was none. */
    private final int status;

    /**
     * @param operation what the library was doing, e.g. {@code apply StorageClass/storage-gp3}
     * @param kind      what went wrong
     * @param status    the HTTP status of the answer, 0 when there was none
     * @param message   what happened and how to fix it
     * @param cause     the backend's own exception, or null
     */
    public BackendException(String operation, Kind kind, int status, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = operation;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    /**
     * A failure of kind {@link Kind#OTHER}, without an HTTP status.
     *
     * @param operation what the library was doing
     * @param message what happened and how to fix it
     * @param cause the backend's own exception, or null
     */
    public BackendException(String operation, String message, Throwable cause) {
        this(operation, Kind.OTHER, 0, message, cause);
    }

    /**
     * A failure of kind {@link Kind#OTHER}, without an HTTP status or cause.
     *
     * @param operation what the library was doing
     * @param message what happened and how to fix it
     */
    public BackendException(String operation, String message) {
        this(operation, message, null);
    }

    /** {@return what the library was doing, e.g. {@code apply StorageClass/storage-gp3}} */
    public String operation() {
        return operation;
    }

    /** {@return what went wrong} */
    public Kind kind() {
        return kind;
    }

    /** {@return the HTTP status the API server answered with, when it answered} */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** {@return whether the same call may succeed if sent again later (unreachable, throttled, server error)} */
    public boolean retryable() {
        return kind.retryable();
    }
}
