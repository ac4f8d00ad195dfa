package io.statefulebs.blueprint.error;

/** No backend, or more than one, could be chosen from the classpath. The message says how to choose. */
public class BackendDiscoveryException extends BlueprintException {
    public BackendDiscoveryException(String message) {
        super(message);
    }
}
