package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ClusterBackend;

/** Registers the fabric8 backend with ServiceLoader under the name {@value #NAME}, connecting as kubectl would. */
public final class Fabric8BackendProvider implements BackendProvider {
    public static final String NAME = "fabric8";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterBackend create() {
        return Fabric8Backend.builder().build();
    }
}
