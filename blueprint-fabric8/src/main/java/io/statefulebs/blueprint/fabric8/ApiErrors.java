package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintException;
import io.statefulebs.blueprint.error.BackendException.Kind;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.error.NotFoundException;

import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.fabric8.kubernetes.client.http.WebSocketUpgradeResponse;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletionException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Turns fabric8 failures into the API's exceptions, so no fabric8 type escapes through the SPI. A 403 names the
 * verb and resource the identity's RBAC lacks. Messages carry the server's status text, never request headers,
 * so bearer tokens cannot leak into them.
 */
final class ApiErrors {
    static final String RBAC_RESOURCE = "io/statefulebs/blueprint/fabric8/rbac.yaml";

    private ApiErrors() {
    }

    static BlueprintException translate(String operation, RequiredAccess access, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BlueprintException blueprint) {
            return blueprint;
        }
        InterruptedException interrupt = interruption(cause);
        if (interrupt != null) {
            Thread.currentThread().interrupt();
            return new BlueprintInterruptedException(operation, interrupt);
        }
        String retries = failure instanceof ApiCalls.RetriedFailure retried ? " (" + retried.outcome() + ")" : "";
        if (!(cause instanceof KubernetesClientException api)) {
            return cause instanceof IOException io
                    ? new BackendException(operation, Kind.UNREACHABLE, 0, "cannot reach the API server: " + describe(io) + retries, io)
                    : new BackendException(operation, cause.getMessage() + retries, cause);
        }
        int code = statusCode(api);
        if (code <= 0) {
            // No HTTP answer at all (fabric8 says -1 or 0): refused, DNS, TLS trust, timeout, dropped connection.
            return new BackendException(operation, Kind.UNREACHABLE, 0, "cannot reach the API server: " + describeTransport(api)
                    + retries, api);
        }
        String said = serverMessage(api);
        return switch (code) {
            case HttpURLConnection.HTTP_FORBIDDEN -> new ForbiddenException(operation, access.verb(), access.resource(),
                    access.namespace(), "forbidden: the identity's RBAC lacks " + access.describe() + "; grant it ("
                    + RbacManifest.shipped().grantAdvice(access) + "). Server said: " + said, api);
            case HttpURLConnection.HTTP_UNAUTHORIZED -> new BackendException(operation, Kind.UNAUTHORIZED, code,
                    "unauthorized: the API server rejected the credentials (expired token or wrong context?): " + said, api);
            case HttpURLConnection.HTTP_NOT_FOUND -> new NotFoundException(operation, "not found: " + said, api);
            case HttpURLConnection.HTTP_CONFLICT -> new BackendException(operation, Kind.CONFLICT, code, "conflict: " + said, api);
            case 429 -> new BackendException(operation, Kind.THROTTLED, code,
                    "throttled by the API server (429 Too Many Requests)" + retries + ", try again later: " + said, api);
            default -> new BackendException(operation, kindOf(code), code, "API server answered " + code + retries + ": " + said, api);
        };
    }

    private static Kind kindOf(int code) {
        if (code >= 500) {
            return Kind.SERVER_ERROR;
        }
        return code == 400 || code == 422 ? Kind.INVALID : Kind.OTHER;
    }

    /** fabric8 reports an interrupted blocking call as a KubernetesClientException caused by the interrupt. */
    private static InterruptedException interruption(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException interrupted) {
                return interrupted;
            }
        }
        return null;
    }

    static boolean hasCode(Throwable failure, int code) {
        return statusCode(failure) == code;
    }

    /**
     * The HTTP status of a failed request: the API's own, or that of a refused WebSocket upgrade (exec, watch),
     * which fabric8 reports without a code; 0 when no response came.
     */
    static int statusCode(Throwable failure) {
        if (!(unwrap(failure) instanceof KubernetesClientException api)) {
            return 0;
        }
        return api.getCode() > 0 ? api.getCode() : refusedUpgrade(api).map(r -> r.code()).orElse(api.getCode());
    }

    static Optional<WebSocketUpgradeResponse> refusedUpgrade(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
                return Optional.of(handshake.getResponse());
            }
        }
        return Optional.empty();
    }

    /** The failure itself, out of the wrappers of async calls and of {@link ApiCalls}' retries. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof ApiCalls.RetriedFailure)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The server's own explanation of a failed request (its Status message), or the exception's message. */
    static String serverMessage(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (!(cause instanceof KubernetesClientException api)) {
            return String.valueOf(cause.getMessage());
        }
        Status status = api.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return String.valueOf(api.getMessage());
    }

    private static String describeTransport(KubernetesClientException api) {
        for (Throwable t = api; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return describe(io);
            }
        }
        return String.valueOf(api.getMessage());
    }

    private static String describe(IOException io) {
        return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage());
    }
}
