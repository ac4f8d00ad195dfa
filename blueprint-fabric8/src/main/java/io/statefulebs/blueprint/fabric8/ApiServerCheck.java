package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintException;
import io.statefulebs.blueprint.view.Finding;

import java.util.Optional;

/**
 * The preflight's first question: is the endpoint a Kubernetes API server at all? Every API server answers
 * {@code GET /version} with a version document; an endpoint that cannot be reached, or answers something else (a
 * 404, a web page), is reported as exactly that before any Karpenter or CSI check could blame a missing component.
 */
final class ApiServerCheck {
    private static final String OPERATION = "read the API server's version";
    private static final RequiredAccess VERSION = new RequiredAccess("get", "/version", null);
    private static final String CHECK = "api-server";

    private ApiServerCheck() {
    }

    /** A finding when the endpoint is not a usable API server, empty when {@code GET /version} answered a version. */
    static Optional<Finding> check(KubernetesClient client, ApiCalls calls) {
        String endpoint = ClientFactory.displayUrl(client);
        VersionInfo version;
        try {
            version = calls.retrying(OPERATION, client::getKubernetesVersion);
        } catch (RuntimeException e) {
            return Optional.of(failed(endpoint, e));
        }
        // fabric8 answers null for a 404, and an empty VersionInfo for a 200 it could not read as one.
        if (version == null || blank(version.getGitVersion()) && blank(version.getMajor())) {
            return Optional.of(notAnApiServer(endpoint, "it answered GET /version without a version (a 404, a web page or an empty document)"));
        }
        return Optional.empty();
    }

    private static Finding failed(String endpoint, RuntimeException failure) {
        if (unreadable(failure)) {
            // An HTTP answer that is not a version document (a web page, another service's JSON). Its body is not
            // quoted: it could be anything, including what the endpoint should not have shown.
            return notAnApiServer(endpoint, "its answer to GET /version is not a Kubernetes version document");
        }
        BlueprintException translated = ApiErrors.translate(OPERATION, VERSION, failure);
        if (translated instanceof BackendException backend && backend.kind() == BackendException.Kind.UNREACHABLE) {
            return Finding.error(CHECK, "", "the API server at " + endpoint + " is not reachable ("
                    + translated.getMessage() + ")", "check KUBECONFIG, the context, the credentials and the network");
        }
        return Finding.error(CHECK, "", "the API server at " + endpoint + " refused to tell its version ("
                + translated.getMessage() + ")", "check the credentials of the kubeconfig's context");
    }

    /**
     * An answer fabric8 could not read as a version: its parser's exception (Jackson's, whichever major version
     * fabric8 uses) or the IllegalArgumentException it wraps one in.
     */
    private static boolean unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof IllegalArgumentException || type.startsWith("tools.jackson.") || type.startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Finding notAnApiServer(String endpoint, String evidence) {
        return Finding.error(CHECK, "", "the endpoint at " + endpoint + " is not a Kubernetes API server: " + evidence,
                "point the kubeconfig context's server (or Fabric8Backend.builder().connection(...)) at the cluster's"
                        + " API server, e.g. the endpoint 'aws eks describe-cluster' reports");
    }
}
