package io.statefulebs.blueprint.error;

/**
 * A backend call failed (API error, connection loss, permission denied). The backend's own exception is the
 * cause, but none of its types appear in this library's signatures.
 */
public class BackendException extends BlueprintException {
    private final String operation;

    public BackendException(String operation, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = operation;
    }

    public BackendException(String operation, String message) {
        this(operation, message, null);
    }

    /** What the library was doing, e.g. {@code apply StorageClass/storage-gp3}. */
    public String operation() {
        return operation;
    }
}
