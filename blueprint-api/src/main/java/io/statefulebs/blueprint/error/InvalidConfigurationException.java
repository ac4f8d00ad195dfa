package io.statefulebs.blueprint.error;

/**
 * A backend's own settings are wrong (a kubeconfig that does not exist, an unknown context, a malformed URL); the
 * message names the setting and the fix. Nothing was sent to a cluster.
 */
public class InvalidConfigurationException extends BackendException {
    /**
     * An exception of kind {@link BackendException.Kind#OTHER}.
     *
     * @param operation what the library was doing
     * @param message the setting and how to fix it
     */
    public InvalidConfigurationException(String operation, String message) {
        super(operation, message);
    }
}
