package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.BackendDiscoveryException;
import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ClusterBackend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the backend of a run: the instance given; else the provider named; else the one provider on the
 * classpath that its environment configures (a kubeconfig, say); else the embedded simulated cluster. Providers are looked up with the thread's context class loader
 * first, then this library's own (JShell and host tools load classes differently).
 */
final class BackendDiscovery {
    /** System property naming the backend when the code does not. */
    static final String BACKEND_PROPERTY = "statefulebs.backend";

    private BackendDiscovery() {
    }

    /** The backend and whether the run made it (and so must close it). */
    record Selection(ClusterBackend backend, boolean owned) {
    }

    static Selection select(DeployOptions options) {
        if (options.backend().isPresent()) {
            return new Selection(options.backend().get(), false);
        }
        Map<String, BackendProvider> providers = providers();
        String wanted = options.backendName().orElse(System.getProperty(BACKEND_PROPERTY));
        if (wanted != null) {
            BackendProvider provider = providers.get(wanted);
            if (provider == null) {
                throw new BackendDiscoveryException("no backend named '" + wanted + "' on the classpath; available: "
                        + available(providers) + ". Add its module (e.g. io.statefulebs:blueprint-fabric8) as a dependency");
            }
            return new Selection(provider.create(), true);
        }
        // A fallback (the embedded simulated cluster) never counts as a second configured backend.
        List<BackendProvider> configured = providers.values().stream()
                .filter(p -> !p.fallback() && p.configured()).toList();
        if (configured.size() > 1) {
            throw new BackendDiscoveryException("several backends found on the classpath: " + available(providers)
                    + ". Choose one with .backend(\"NAME\"), -D" + BACKEND_PROPERTY + "=NAME, or pass an instance with .backend(backend)");
        }
        if (configured.size() == 1) {
            return new Selection(configured.get(0).create(), true);
        }
        BackendProvider fallback = providers.values().stream().filter(BackendProvider::fallback).findFirst()
                .orElseThrow(() -> new BackendDiscoveryException("no backend is configured and no fallback is on the classpath;"
                        + " available: " + available(providers) + ". Configure a kubeconfig or pass .backend(backend)"));
        return new Selection(fallback.create(), true);
    }

    /** Every provider visible to the context class loader or this library's, by name. */
    static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> found = new LinkedHashMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(BackendDiscovery.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            try {
                for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, loader)) {
                    found.putIfAbsent(provider.name(), provider);
                }
            } catch (ServiceConfigurationError e) {
                throw new BackendDiscoveryException("a backend on the classpath could not be loaded: " + e.getMessage());
            }
        }
        return found;
    }

    private static String available(Map<String, BackendProvider> providers) {
        return providers.isEmpty() ? "none" : String.join(", ", providers.keySet());
    }
}
