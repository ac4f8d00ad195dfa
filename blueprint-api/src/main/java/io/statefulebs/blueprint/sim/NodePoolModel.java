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
    /** The well-known zone label. */
    public static final String ZONE = "topology.kubernetes.io/zone";
    /** Karpenter's capacity-type label (spot or on-demand). */
    public static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
    /** The well-known CPU architecture label. */
    public static final String ARCH = "kubernetes.io/arch";
    /** Karpenter's label for an instance type's CPU count. */
    public static final String INSTANCE_CPU = "karpenter.k8s.aws/instance-cpu";
    /** Karpenter's label for an instance type's category (c, m, r, ...). */
    public static final String INSTANCE_CATEGORY = "karpenter.k8s.aws/instance-category";
    /** The well-known instance-type label. */
    public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";

    /**
     * Copies the labels and requirements.
     *
     * @param name the NodePool's name
     * @param templateLabels the labels its nodes get
     * @param requirements the values each label key may take
     * @param consolidateAfter how long a node stays empty before Karpenter removes it
     */
    public NodePoolModel {
        templateLabels = Map.copyOf(templateLabels);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        requirements.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        requirements = Map.copyOf(copy);
    }

    /**
     * {@code default}: label intent=apps, amd64/arm64, 4–64 CPUs, spot and on-demand, c/m/r/i/d, consolidate after
     * 1m.
     *
     * @return the blueprint's NodePool
     */
    public static NodePoolModel blueprintDefault() {
        Map<String, Set<String>> requirements = new LinkedHashMap<>();
        requirements.put(ARCH, Set.of("amd64", "arm64"));
        requirements.put(INSTANCE_CPU, Set.of("4", "8", "16", "32", "48", "64"));
        requirements.put(CAPACITY_TYPE, Set.of("spot", "on-demand"));
        requirements.put(INSTANCE_CATEGORY, Set.of("c", "m", "r", "i", "d"));
        return new NodePoolModel("default", Map.of("intent", "apps"), requirements, Duration.ofMinutes(1));
    }

    /**
     * The same NodePool with the requirement on {@code key} set to {@code values} (e.g. zones it may use).
     *
     * @param key the label key
     * @param values the values it may take
     * @return the changed NodePool
     */
    public NodePoolModel withRequirement(String key, String... values) {
        Map<String, Set<String>> changed = new LinkedHashMap<>(requirements);
        changed.put(key, Set.of(values));
        return new NodePoolModel(name, templateLabels, changed, consolidateAfter);
    }

    /**
     * The same NodePool with another consolidation delay.
     *
     * @param after how long a node stays empty before Karpenter removes it
     * @return the changed NodePool
     */
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
