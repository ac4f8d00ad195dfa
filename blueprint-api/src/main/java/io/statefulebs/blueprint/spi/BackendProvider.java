package io.statefulebs.blueprint.spi;

/**
 * Makes a backend from its default configuration; registered in
 * {@code META-INF/services/io.statefulebs.blueprint.spi.BackendProvider} and found through ServiceLoader.
 */
public interface BackendProvider {
    /** The name users pick it by, e.g. {@code fabric8}. */
    String name();

    ClusterBackend create();
}
