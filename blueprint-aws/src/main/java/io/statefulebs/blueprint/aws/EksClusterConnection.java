package io.statefulebs.blueprint.aws;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to reach an EKS cluster's API server without a kubeconfig: its URL, the CA certificate (PEM) that signs the
 * server's certificate, and a bearer token that refreshes itself. Hand these to the fabric8 backend.
 *
 * @param bearerToken thread-safe and cheap to call per request; never printed by {@link #toString()}
 */
public record EksClusterConnection(String clusterName, String apiServerUrl, String certificateAuthorityPem,
                                   Supplier<String> bearerToken) {
    /**
     * Requires every component.
     *
     * @param clusterName the cluster's name
     * @param apiServerUrl the API server's URL
     * @param certificateAuthorityPem the CA certificate, PEM
     * @param bearerToken supplies the current token
     */
    public EksClusterConnection {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(apiServerUrl, "apiServerUrl");
        Objects.requireNonNull(certificateAuthorityPem, "certificateAuthorityPem");
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    @Override
    public String toString() {
        return "EksClusterConnection[cluster=" + clusterName + ", apiServerUrl=" + apiServerUrl
                + ", certificateAuthorityPem=" + certificateAuthorityPem.length() + " chars, bearerToken=<redacted>]";
    }
}
