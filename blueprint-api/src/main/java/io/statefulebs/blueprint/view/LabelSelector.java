package io.statefulebs.blueprint.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A Kubernetes label selector ({@code metav1.LabelSelector}): every {@code matchLabels} pair and every
 * {@code matchExpressions} requirement must hold. The requirements use the operators label selectors allow (In,
 * NotIn, Exists, DoesNotExist), evaluated by {@link NodeRequirement#allows} as for node selectors; a selector with any
 * other operator is not {@linkplain #understood() understood} and must not be evaluated (the API server rejects it,
 * so it only comes from a newer API or a hand-made view).
 *
 * @param matchLabels      the labels a matching object carries with these values
 * @param matchExpressions the requirements a matching object's labels meet
 */
public record LabelSelector(Map<String, String> matchLabels, List<NodeRequirement> matchExpressions) {
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    /**
     * Copies the map and the list.
     *
     * @param matchLabels      the labels a matching object carries with these values, non-null
     * @param matchExpressions the requirements a matching object's labels meet, non-null
     * @throws NullPointerException naming the field when either is null
     */
    public LabelSelector {
        matchLabels = Map.copyOf(Objects.requireNonNull(matchLabels, "matchLabels"));
        matchExpressions = List.copyOf(Objects.requireNonNull(matchExpressions, "matchExpressions"));
    }

    /**
     * A selector of {@code matchLabels} only.
     *
     * @param matchLabels the labels a matching object carries
     * @return the selector
     */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    /** {@return whether the selector has neither labels nor expressions (Kubernetes: it matches everything)} */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** {@return the operators of its expressions that label selectors do not have, sorted; empty when understood} */
    public Set<String> unknownOperators() {
        Set<String> unknown = new TreeSet<>();
        matchExpressions.stream().map(NodeRequirement::operator).filter(o -> !OPERATORS.contains(o)).forEach(unknown::add);
        return unknown;
    }

    /** {@return whether every expression uses a label-selector operator, so {@link #matches} means what Kubernetes means} */
    public boolean understood() {
        return unknownOperators().isEmpty();
    }

    /**
     * Whether an object with {@code labels} matches.
     *
     * @param labels the object's labels, non-null
     * @return whether every label and every expression holds
     * @throws IllegalStateException when the selector is not {@linkplain #understood() understood}
     */
    public boolean matches(Map<String, String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (!understood()) {
            throw new IllegalStateException("label selector " + this + " uses operator(s) " + unknownOperators()
                    + " that label selectors do not have; check understood() before matching");
        }
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                && matchExpressions.stream().allMatch(r -> r.allows(labels.get(r.key())));
    }

    /**
     * The selector also requiring {@code key In [value]}, as a topology spread's {@code matchLabelKeys} adds the
     * incoming pod's values (ANDed with what is there, even for a key {@code matchLabels} already names).
     *
     * @param key   the label key
     * @param value the label value
     * @return the narrower selector
     */
    public LabelSelector and(String key, String value) {
        List<NodeRequirement> expressions = new ArrayList<>(matchExpressions);
        expressions.add(NodeRequirement.in(key, List.of(value)));
        return new LabelSelector(matchLabels, expressions);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(matchLabels).forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(r -> parts.add(r.toString()));
        return "{" + String.join(", ", parts) + "}";
    }
}
