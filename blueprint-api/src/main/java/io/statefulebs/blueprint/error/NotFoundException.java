package io.statefulebs.blueprint.error;

/** The object a call names does not exist (for example exec in a pod that is gone). */
public class NotFoundException extends BackendException {
    public NotFoundException(String operation, String message) {
        super(operation, message);
    }

    public NotFoundException(String operation, String message, Throwable cause) {
        super(operation, message, cause);
    }
}
