package io.statefulebs.blueprint.fabric8;

import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ClusterBackend;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Registers the fabric8 backend with ServiceLoader under the name {@value #NAME}, connecting as kubectl would. */
public final class Fabric8BackendProvider implements BackendProvider {
    /** The name {@code StatefulEbsBlueprint.builder().backend(..)} finds this backend by. */
    public static final String NAME = "fabric8";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterBackend create() {
        return Fabric8Backend.builder().build();
    }

    /** A kubeconfig (KUBECONFIG or ~/.kube/config) or a pod's service account: where kubectl would find a cluster. */
    @Override
    public boolean configured() {
        String kubeconfig = System.getenv("KUBECONFIG");
        boolean fromEnv = kubeconfig != null && Arrays.stream(kubeconfig.split(File.pathSeparator))
                .anyMatch(f -> !f.isBlank() && Files.isRegularFile(Path.of(f)));
        return fromEnv || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"))
                || System.getenv("KUBERNETES_SERVICE_HOST") != null;
    }
}
