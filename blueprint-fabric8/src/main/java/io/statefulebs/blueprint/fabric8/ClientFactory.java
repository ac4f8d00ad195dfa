package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.statefulebs.blueprint.error.BackendException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Supplier;

/** Builds the clients the backend owns, always on the JDK HTTP client (no Netty, no Vert.x). */
final class ClientFactory {
    private ClientFactory() {
    }

    /** KUBECONFIG (or ~/.kube/config) or the in-cluster service account, as kubectl resolves them. */
    static KubernetesClient fromKubeconfig(String context, Path kubeconfig) {
        String operation = "load kubeconfig" + (context == null ? "" : " context " + context);
        try {
            Config config = kubeconfig == null ? Config.autoConfigure(context)
                    : Config.fromKubeconfig(context, kubeconfig.toFile());
            if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
                throw new BackendException(operation, "no context named " + context + " in the kubeconfig");
            }
            return build(config);
        } catch (BackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackendException(operation, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * An API server named explicitly; {@code token} is asked for a bearer token on every request, so the caller can
     * refresh short-lived (EKS) tokens. The token is never stored in the config or printed.
     */
    static KubernetesClient explicit(URI server, String caCertificatePem, Supplier<String> token) {
        try {
            Config config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.toString())
                    .withCaCertData(Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)))
                    .withOauthTokenProvider(token::get)
                    .build();
            return build(config);
        } catch (RuntimeException e) {
            throw new BackendException("connect to " + server, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * The caller's client with fabric8's own HTTP retry switched off, sharing its connection (closing it closes
     * nothing of the caller's). fabric8 8.0.0 retries 429 and 5xx answers (honouring Retry-After) and I/O errors
     * up to requestRetryBackoffLimit times, but with no overall deadline and an uncapped Retry-After; the
     * backend's {@link ApiCalls} retries instead, within the call's deadline, and two layers would multiply.
     */
    static KubernetesClient withoutBuiltInRetry(KubernetesClient client) {
        RequestConfig noRetry = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build();
        return client.newClient(noRetry).adapt(KubernetesClient.class);
    }

    private static KubernetesClient build(Config config) {
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }
}
