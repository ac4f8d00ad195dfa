package io.statefulebs.blueprint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles of a sample, in milliseconds. */
record Stats(int n, double p50, double p90, double p99, double max) {
    static Stats of(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Stats(sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    /** A markdown table row: name, samples, p50, p90, p99, max of a {@code Stats} written as JSON. */
    static void row(StringBuilder md, String name, JsonNode stats) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", name, stats.get("n").asInt(),
                stats.get("p50").asDouble(), stats.get("p90").asDouble(), stats.get("p99").asDouble(), stats.get("max").asDouble()));
    }

    private static double at(List<Double> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
