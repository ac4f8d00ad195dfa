package io.statefulebs.blueprint.view;

import java.util.List;

/** One NodePool requirement ({@code key operator values}), with the Kubernetes node-selector operators. */
public record NodeRequirement(String key, String operator, List<String> values) {
    public NodeRequirement {
        values = List.copyOf(values);
    }

    public static NodeRequirement in(String key, List<String> values) {
        return new NodeRequirement(key, "In", values);
    }

    /** Whether a node whose label {@code key} has {@code value} (null: the label is absent) satisfies this requirement. */
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
