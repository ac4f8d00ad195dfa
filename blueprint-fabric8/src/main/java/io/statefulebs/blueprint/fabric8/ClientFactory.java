package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.InvalidConfigurationException;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the clients the backend owns, always on the JDK HTTP client (no Netty, no Vert.x), on bounded pools of named
 * threads ({@link ClientThreads}), with the caller's interceptors added.
 */
final class ClientFactory {
    static final String CONFIGURE = "configure the fabric8 backend";

    private ClientFactory() {
    }

    /**
     * KUBECONFIG (or ~/.kube/config) or the in-cluster service account, as kubectl resolves them. Nothing is sent
     * before the file and the context check out. A parse failure is reported without the parser's message or
     * cause: YAML parsers quote the offending line, and a kubeconfig's lines hold tokens.
     */
    static KubernetesClient fromKubeconfig(String context, List<Path> kubeconfigs, Map<String, Interceptor> interceptors) {
        String files = kubeconfigs.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String source = kubeconfigs.isEmpty() ? "the kubeconfig (KUBECONFIG or ~/.kube/config)" : "kubeconfig " + files;
        for (Path kubeconfig : kubeconfigs) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw invalid("kubeconfig=" + kubeconfig, "no such file; pass the path of an existing kubeconfig to "
                        + "kubeconfig(...), or leave it unset to use KUBECONFIG or ~/.kube/config");
            }
        }
        Config config;
        try {
            config = switch (kubeconfigs.size()) {
                case 0 -> Config.autoConfigure(context);
                case 1 -> Config.fromKubeconfig(context, kubeconfigs.get(0).toFile());
                default -> Config.fromKubeconfig(context, KubeconfigFiles.merged(kubeconfigs), null);
            };
        } catch (RuntimeException e) {
            throw invalid("kubeconfig=" + (kubeconfigs.isEmpty() ? "(KUBECONFIG or ~/.kube/config)" : files),
                    "not a valid kubeconfig (" + e.getClass().getSimpleName() + "); fix the file (kubectl config view "
                            + "shows what is wrong with it) or pass another to kubeconfig(...)");
        }
        if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
            List<String> known = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
            throw invalid("context=" + context, source + " has no such context (it has " + known
                    + "); pass one of those to context(...), or leave it unset for the current context");
        }
        if (config.getMasterUrl() != null && !withoutUserInfo(config.getMasterUrl()).equals(config.getMasterUrl())) {
            throw invalid("the server URL of " + source, USER_INFO_FIX);
        }
        try {
            return build(config, interceptors);
        } catch (KubernetesClientException e) {
            // Building the client reads the certificate and key files the kubeconfig names; only a missing file's
            // path is echoed (a parse error of PEM data could quote it).
            throw invalid("the certificates of " + source, (e.getCause() instanceof NoSuchFileException missing
                    ? "no file " + missing.getFile() : "cannot be read (" + rootCause(e).getClass().getSimpleName() + ")")
                    + "; fix the certificate-authority, client-certificate and client-key entries of the context");
        }
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null || e.getCause() == e ? e : rootCause(e.getCause());
    }

    /** Connection settings given explicitly, checked before any client exists. */
    static void checkConnection(URI server, String caCertificatePem) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || server.getHost() == null) {
            // Only scheme and host are echoed: a URI can carry credentials in its user-info.
            throw invalid("connection apiServer (scheme '" + scheme + "', host " + server.getHost() + ")",
                    "must be the API server's https URL, e.g. https://ABCD.gr7.eu-west-2.eks.amazonaws.com "
                            + "(EKS: the cluster's endpoint)");
        }
        if (server.getRawUserInfo() != null) {
            throw invalid("connection apiServer (host " + server.getHost() + ")", USER_INFO_FIX);
        }
        if (caCertificatePem.isBlank()) {
            throw invalid("connection caCertificatePem", "is blank; pass the cluster's CA certificate in PEM "
                    + "(-----BEGIN CERTIFICATE-----...; EKS: certificateAuthority.data, base64-decoded)");
        }
    }

    private static final String USER_INFO_FIX = "carries credentials in its user-info (user:secret@host); remove them"
            + " from the URL and give the token through the kubeconfig user or the connection's token supplier";

    /** The API server's URL without user-info, for messages, logs and toString: a URL can carry credentials. */
    static String displayUrl(KubernetesClient client) {
        return withoutUserInfo(String.valueOf(client.getMasterUrl()));
    }

    static String withoutUserInfo(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    private static InvalidConfigurationException invalid(String setting, String fix) {
        return new InvalidConfigurationException(CONFIGURE, setting + ": " + fix);
    }

    /**
     * An API server named explicitly; {@code token} is asked for a bearer token on every request, so the caller can
     * refresh short-lived (EKS) tokens. The token is never stored in the config or printed.
     */
    static KubernetesClient explicit(URI server, String caCertificatePem, Supplier<String> token,
                                     Map<String, Interceptor> interceptors) {
        try {
            Config config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.toString())
                    .withCaCertData(Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)))
                    .withOauthTokenProvider(token::get)
                    .build();
            return build(config, interceptors);
        } catch (RuntimeException e) {
            throw new BackendException("connect to " + withoutUserInfo(server.toString()), String.valueOf(e.getMessage()), e);
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

    private static KubernetesClient build(Config config, Map<String, Interceptor> interceptors) {
        config.setRequestRetryBackoffLimit(0);
        // HTTP/1.1, a connection per exchange in flight: over HTTP/2 the JDK client multiplexes every request and watch
        // on one connection and fails a request with "too many concurrent streams" once the API server's stream limit
        // is reached instead of waiting (52 of 100 concurrent runs on one backend failed so on the real tier).
        config.setHttp2Disable(true);
        ClientThreads threads = new ClientThreads();
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(threads.httpClientFactory()).withTaskExecutorSupplier(threads)
                .withHttpClientBuilderConsumer(http -> interceptors.forEach(http::addOrReplaceInterceptor))
                .build();
    }
}
