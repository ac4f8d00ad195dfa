package io.statefulebs.blueprint.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Karpenter NodePool the simulated cluster launches nodes from. Requirements are {@code In} constraints on
 * well-known labels; {@link #blueprintDefault()} is the blueprint's {@code default-nodepool.yaml}.
 */
public record NodePoolModel(String name, Map<String, String> templateLabels, Map<String, Set<String>> requirements,
                            Duration consolidateAfter) {
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    public static final String ARCH = "kubernetes.io/arch";
    public static final String INSTANCE_CPU = "karpenter.k8s.aws/instance-cpu";
    public static final String INSTANCE_CATEGORY = "karpenter.k8s.aws/instance-category";
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";

    public NodePoolModel {
        templateLabels = Map.copyOf(templateLabels);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        requirements.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        requirements = Map.copyOf(copy);
    }

    /** {@code default}: label intent=apps, amd64/arm64, 4–64 CPUs, spot and on-demand, c/m/r/i/d, consolidate after 1m. */
    public static NodePoolModel blueprintDefault() {
        Map<String, Set<String>> requirements = new LinkedHashMap<>();
        requirements.put(ARCH, Set.of("amd64", "arm64"));
        requirements.put(INSTANCE_CPU, Set.of("4", "8", "16", "32", "48", "64"));
        requirements.put(CAPACITY_TYPE, Set.of("spot", "on-demand"));
        requirements.put(INSTANCE_CATEGORY, Set.of("c", "m", "r", "i", "d"));
        return new NodePoolModel("default", Map.of("intent", "apps"), requirements, Duration.ofMinutes(1));
    }

    /** The same NodePool with the requirement on {@code key} set to {@code values} (e.g. zones it may use). */
    public NodePoolModel withRequirement(String key, String... values) {
        Map<String, Set<String>> changed = new LinkedHashMap<>(requirements);
        changed.put(key, Set.of(values));
        return new NodePoolModel(name, templateLabels, changed, consolidateAfter);
    }

    public NodePoolModel withConsolidateAfter(Duration after) {
        return new NodePoolModel(name, templateLabels, requirements, after);
    }

    Optional<Set<String>> allowed(String key) {
        return Optional.ofNullable(requirements.get(key));
    }

    boolean allows(String key, String value) {
        return allowed(key).map(v -> v.contains(value)).orElse(true);
    }

    /** A requirement the way Karpenter prints it: {@code key In [a b]}, values sorted. */
    static String describe(String key, Set<String> values) {
        return key + " In [" + String.join(" ", new TreeSet<>(values)) + "]";
    }
}
