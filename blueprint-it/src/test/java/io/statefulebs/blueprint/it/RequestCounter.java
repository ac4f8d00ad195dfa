package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests a fabric8 client sends (every attempt, HTTP and WebSocket alike), by verb and resource:
 * {@code LIST pods}, {@code WATCH pods}, {@code GET persistentvolumeclaims}, {@code PATCH deployments/scale},
 * {@code EXEC pods}. Installed on the client the benchmark hands to {@code Fabric8Backend.builder().client(...)}.
 * For the benchmark only: nothing here is timed or asserted.
 */
final class RequestCounter implements Interceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(classify(request.method(), request.uri()), k -> new LongAdder()).increment();
    }

    /** The counts so far, sorted by category. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** {@code after} minus {@code before}, by category, zero categories left out. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Verb and resource of a Kubernetes API path: /api/v1/..., /apis/GROUP/VERSION/..., [namespaces/NS/]RESOURCE[/NAME[/SUB]]. */
    static String classify(String method, URI uri) {
        String[] parts = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        int start = parts.length > 0 && parts[0].equals("api") ? 2 : parts.length > 0 && parts[0].equals("apis") ? 3 : -1;
        if (start < 0 || parts.length <= start) {
            return method + " " + uri.getPath();
        }
        String[] rest = Arrays.copyOfRange(parts, start, parts.length);
        if (rest.length >= 3 && rest[0].equals("namespaces")) {
            rest = Arrays.copyOfRange(rest, 2, rest.length);
        }
        String resource = rest[0] + (rest.length >= 3 ? "/" + rest[2] : "");
        boolean collection = rest.length == 1;
        boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
        String verb = switch (method) {
            case "GET" -> watch ? "WATCH" : rest.length >= 3 && rest[2].equals("exec") ? "EXEC" : collection ? "LIST" : "GET";
            case "POST" -> rest.length >= 3 && rest[2].equals("exec") ? "EXEC" : "CREATE";
            case "PATCH" -> "PATCH";
            case "PUT" -> "UPDATE";
            case "DELETE" -> collection ? "DELETECOLLECTION" : "DELETE";
            default -> method;
        };
        return verb + " " + resource;
    }
}
