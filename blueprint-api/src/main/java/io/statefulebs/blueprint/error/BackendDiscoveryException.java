package io.statefulebs.blueprint.error;

/** No backend, or more than one, could be chosen from the classpath. The message says how to choose. */
public class BackendDiscoveryException extends BlueprintException {
    /**
     * An exception with the given message.
     *
     * @param message what went wrong and how to choose a backend
     */
    public BackendDiscoveryException(String message) {
        super(message);
    }
}
