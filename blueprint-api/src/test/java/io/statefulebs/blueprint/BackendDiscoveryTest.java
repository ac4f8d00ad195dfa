package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.BackendDiscoveryException;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.BackendProvider;
import io.statefulebs.blueprint.spi.ClusterBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a run finds its backend: given, named, the only one on the class path, or the simulated cluster. */
class BackendDiscoveryTest {
    /** A provider the tests register through a services file on a separate class loader. */
    public static final class FirstProvider implements BackendProvider {
        @Override
        public String name() {
            return "first";
        }

        /** Told apart from the fallback by its region. */
        @Override
        public ClusterBackend create() {
            return SimulatedCluster.builder().region("us-east-1").build();
        }
    }

    public static final class SecondProvider implements BackendProvider {
        @Override
        public String name() {
            return "second";
        }

        @Override
        public ClusterBackend create() {
            return new SimulatedCluster();
        }
    }

    /** A provider whose environment configures no cluster. */
    public static final class UnconfiguredProvider implements BackendProvider {
        @Override
        public String name() {
            return "unconfigured";
        }

        @Override
        public ClusterBackend create() {
            throw new AssertionError("an unconfigured provider must not be created by discovery");
        }

        @Override
        public boolean configured() {
            return false;
        }
    }

    @TempDir
    Path services;

    @Test
    void withoutProvidersTheSimulatedClusterIsTheDefault() {
        BackendDiscovery.Selection selection = BackendDiscovery.select(DeployOptions.defaults());

        assertThat(selection.backend().name()).isEqualTo("simulated");
        assertThat(selection.owned()).isTrue();
    }

    @Test
    void aGivenBackendSkipsDiscoveryAndIsNotOwned() throws Exception {
        SimulatedCluster mine = new SimulatedCluster();
        BackendDiscovery.Selection selection = withProviders(() -> BackendDiscovery.select(
                DeployOptions.builder().backend(mine).build()), FirstProvider.class, SecondProvider.class);

        assertThat(selection.backend()).isSameAs(mine);
        assertThat(selection.owned()).isFalse();
    }

    @Test
    void theOnlyProviderOnTheContextClassLoaderIsFound() throws Exception {
        assertThat(withProviders(() -> BackendDiscovery.providers().keySet(), FirstProvider.class))
                .containsExactlyInAnyOrder("first", "simulated");
    }

    @Test
    void providersTheEnvironmentDoesNotConfigureAreLeftForTheSimulatedCluster() throws Exception {
        BackendDiscovery.Selection selection = withProviders(() -> BackendDiscovery.select(DeployOptions.defaults()),
                UnconfiguredProvider.class);

        assertThat(selection.backend()).isInstanceOfSatisfying(SimulatedCluster.class,
                cluster -> assertThat(cluster.region()).isEqualTo("eu-west-2"));
    }

    @Test
    void theOnlyConfiguredProviderIsChosenAmongUnconfiguredOnes() throws Exception {
        BackendDiscovery.Selection selection = withProviders(() -> BackendDiscovery.select(DeployOptions.defaults()),
                UnconfiguredProvider.class, FirstProvider.class);

        assertThat(selection.backend()).isInstanceOfSatisfying(SimulatedCluster.class,
                cluster -> assertThat(cluster.region()).isEqualTo("us-east-1"));
        assertThat(selection.owned()).isTrue();
    }

    @Test
    void severalProvidersAskTheUserToChoose() throws Exception {
        assertThatThrownBy(() -> withProviders(() -> BackendDiscovery.select(DeployOptions.defaults()),
                FirstProvider.class, SecondProvider.class))
                .isInstanceOf(BackendDiscoveryException.class)
                .hasMessageContaining("first")
                .hasMessageContaining("second")
                .hasMessageContaining(".backend(\"NAME\")")
                .hasMessageContaining("-Dstatefulebs.backend=NAME");
    }

    @Test
    void aNameChoosesAmongSeveral() throws Exception {
        BackendDiscovery.Selection selection = withProviders(() -> BackendDiscovery.select(
                DeployOptions.builder().backendName("simulated").build()), FirstProvider.class, SecondProvider.class);

        assertThat(selection.backend()).isInstanceOf(SimulatedCluster.class);
    }

    @Test
    void anUnknownNameSaysWhatIsAvailable() {
        assertThatThrownBy(() -> BackendDiscovery.select(DeployOptions.builder().backendName("fabric8").build()))
                .isInstanceOf(BackendDiscoveryException.class)
                .hasMessageContaining("no backend named 'fabric8'")
                .hasMessageContaining("available: simulated")
                .hasMessageContaining("blueprint-fabric8");
    }

    @SafeVarargs
    private <T> T withProviders(Callable<T> body, Class<? extends BackendProvider>... providers) throws Exception {
        Path file = services.resolve("META-INF/services/" + BackendProvider.class.getName());
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        for (Class<?> provider : providers) {
            lines.append(provider.getName()).append('\n');
        }
        Files.writeString(file, lines);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{services.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            return body.call();
        } catch (IOException e) {
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
