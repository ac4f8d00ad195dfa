package consumer;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fabric8 8.0.0 (HttpClientUtils.getHttpClientFactory) takes the HttpClient.Factory of highest priority() among
 * those ServiceLoader finds, and logs nothing unless two tie: its JDK factory says 0, its Vert.x 5 factory -1. So
 * once blueprint-fabric8 brings kubernetes-httpclient-jdk, every client the application builds without naming a
 * factory silently uses the JDK client, wherever the dependencies are declared. Naming the factory keeps Vert.x.
 */
class HttpClientChoiceTest {
    private static final Config CONFIG = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:6443").build();

    @Test
    void bothFactoriesAreFoundAndTheJdkOneRanksHigher() {
        var found = ServiceLoader.load(HttpClient.Factory.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(f -> f.getClass().getSimpleName(), HttpClient.Factory::priority));

        assertEquals(Map.of("JdkHttpClientFactory", 0, "Vertx5HttpClientFactory", -1), found);
    }

    @Test
    void aDefaultBuilderGetsTheJdkClient() {
        assertTrue(HttpClientUtils.getHttpClientFactory() instanceof JdkHttpClientFactory);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(CONFIG).build()) {
            assertTrue(client.getHttpClient().getClass().getName().startsWith("io.fabric8.kubernetes.client.jdkhttp."),
                    client.getHttpClient().getClass().getName());
        }
    }

    @Test
    void namingTheFactoryKeepsVertx() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(CONFIG)
                .withHttpClientFactory(new Vertx5HttpClientFactory()).build()) {
            assertTrue(client.getHttpClient().getClass().getName().startsWith("io.fabric8.kubernetes.client.vertx5."),
                    client.getHttpClient().getClass().getName());
        }
    }
}
