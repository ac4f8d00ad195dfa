package io.statefulebs.blueprint.error;

/**
 * A backend's own settings are wrong (a kubeconfig that does not exist, an unknown context, a malformed URL); the
 * message names the setting and the fix. Nothing was sent to a cluster.
 */
public class InvalidConfigurationException extends BackendException {
    public InvalidConfigurationException(String operation, String message) {
        super(operation, message);
    }
}
