package io.statefulebs.blueprint.spi;

/**
 * Makes a backend from its default configuration; registered in
 * {@code META-INF/services/io.statefulebs.blueprint.spi.BackendProvider} and found through ServiceLoader.
 */
public interface BackendProvider {
    /** {@return the name users pick it by, e.g. {@code fabric8}} */
    String name();

    /** {@return a new backend, which the run that asked for it closes} */
    ClusterBackend create();

    /**
     * Whether the environment configures this backend (a kubeconfig, in-cluster credentials). Discovery passes over
     * providers that are not configured and falls back to the simulated cluster; choosing one by name ignores this.
     *
     * @return whether the environment configures this backend
     */
    default boolean configured() {
        return true;
    }

    /**
     * Whether this provider is used only when no other is configured (the embedded simulated cluster). A fallback never
     * makes discovery ambiguous; it can still be chosen by name.
     *
     * @return whether this provider is a fallback
     */
    default boolean fallback() {
        return false;
    }
}
