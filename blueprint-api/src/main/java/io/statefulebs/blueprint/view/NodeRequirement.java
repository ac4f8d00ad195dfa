package io.statefulebs.blueprint.view;

import java.util.List;

/**
 * One label requirement ({@code key operator values}) with the Kubernetes node-selector operators: a NodePool
 * requirement, a node affinity term's expression, or a {@link LabelSelector}'s match expression (which only uses In,
 * NotIn, Exists and DoesNotExist).
 */
public record NodeRequirement(String key, String operator, List<String> values) {
    /**
     * Copies the values.
     *
     * @param key the label key
     * @param operator In, NotIn, Exists, DoesNotExist, Gt or Lt
     * @param values the values the operator compares with
     */
    public NodeRequirement {
        values = List.copyOf(values);
    }

    /**
     * An {@code In} requirement.
     *
     * @param key the label key
     * @param values the allowed values
     * @return the requirement
     */
    public static NodeRequirement in(String key, List<String> values) {
        return new NodeRequirement(key, "In", values);
    }

    /**
     * Whether a node whose label {@code key} has {@code value} (null: the label is absent) satisfies this
     * requirement.
     *
     * @param value the label's value, or null
     * @return whether it is allowed
     */
    public boolean allows(String value) {
        return switch (operator) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> number(value) > number(values.get(0));
            case "Lt" -> number(value) < number(values.get(0));
            default -> true;
        };
    }

    private static double number(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public String toString() {
        return key + " " + operator + (values.isEmpty() ? "" : " " + values);
    }
}
