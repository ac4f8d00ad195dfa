package io.statefulebs.blueprint.error;

/** The object a call names does not exist (for example exec in a pod that is gone). */
public class NotFoundException extends BackendException {
    /**
     * A 404 answer, or a backend's own "no such object".
     *
     * @param operation what the library was doing
     * @param message what does not exist
     * @param cause the backend's own exception, or null
     */
    public NotFoundException(String operation, String message, Throwable cause) {
        super(operation, Kind.NOT_FOUND, 404, message, cause);
    }

    /**
     * A backend's own "no such object", without a cause.
     *
     * @param operation what the library was doing
     * @param message what does not exist
     */
    public NotFoundException(String operation, String message) {
        this(operation, message, null);
    }
}
