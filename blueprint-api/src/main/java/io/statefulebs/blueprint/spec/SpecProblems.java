package io.statefulebs.blueprint.spec;

import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.error.SpecProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Collects every problem of a spec so that one {@link InvalidSpecException} reports them all. The checks name
 * the Kubernetes rule they apply; each takes the field path so the message points at the builder call to fix.
 */
public final class SpecProblems {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+(-[a-z]+-\\d+)?[a-z]");

    private final List<SpecProblem> problems = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param field the field path, e.g. {@code storage.size}
     * @param value the value found
     * @param fix what to do instead
     * @return this collector
     */
    public SpecProblems add(String field, Object value, String fix) {
        problems.add(new SpecProblem(field, String.valueOf(value), fix));
        return this;
    }

    /** {@return the problems recorded so far} */
    public List<SpecProblem> list() {
        return List.copyOf(problems);
    }

    /**
     * Throws when any problem was recorded.
     *
     * @throws InvalidSpecException listing every problem
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }

    /**
     * A name of at most 63 characters: lower-case letters, digits and '-', starting and ending alphanumeric.
     *
     * @param field the field path
     * @param value the name
     * @return whether it is valid
     */
    public boolean dnsLabel(String field, String value) {
        return check(field, value, value != null && value.length() <= 63 && DNS_LABEL.matcher(value).matches(),
                "use at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit (RFC 1123 label)");
    }

    /**
     * A name of at most {@code max} characters made of DNS labels joined by dots.
     *
     * @param field the field path
     * @param value the name
     * @param max the longest length allowed
     * @return whether it is valid
     */
    public boolean dnsSubdomain(String field, String value, int max) {
        return check(field, value, value != null && value.length() <= max && DNS_SUBDOMAIN.matcher(value).matches(),
                "use at most " + max + " lower-case letters, digits, '-' or '.', starting and ending with a letter or digit (RFC 1123 subdomain)");
    }

    /**
     * An availability-zone name such as {@code eu-west-2a}.
     *
     * @param field the field path
     * @param value the zone name
     * @return whether it is valid
     */
    public boolean zone(String field, String value) {
        return check(field, value, value != null && ZONE.matcher(value).matches(),
                "give an availability-zone name such as eu-west-2a (region plus zone letter)");
    }

    /**
     * A value that is not blank.
     *
     * @param field the field path
     * @param value the value
     * @param fix what to do instead
     * @return whether it is valid
     */
    public boolean notBlank(String field, String value, String fix) {
        return check(field, value, value != null && !value.isBlank(), fix);
    }

    /**
     * A label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
     *
     * @param field the field path
     * @param key the label key
     * @return whether it is valid
     */
    public boolean labelKey(String field, String key) {
        boolean valid = key != null && !key.isEmpty();
        if (valid) {
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            valid = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                    && (prefix == null || prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
        }
        return check(field, key, valid,
                "a label key is an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
    }

    /**
     * A label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric.
     *
     * @param field the field path
     * @param value the label value
     * @return whether it is valid
     */
    public boolean labelValue(String field, String value) {
        return check(field, value, value != null && (value.isEmpty()
                        || value.length() <= 63 && LABEL_NAME.matcher(value).matches()),
                "a label value is empty or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric");
    }

    /**
     * Valid label keys and values.
     *
     * @param field the field path
     * @param labels the labels
     */
    public void labels(String field, Map<String, String> labels) {
        labels.forEach((k, v) -> {
            labelKey(field + " key", k);
            labelValue(field + "[" + k + "]", v);
        });
    }

    /**
     * A strictly positive quantity such as {@code 4Gi}; returns it when valid.
     *
     * @param field the field path
     * @param value the quantity
     * @param example a valid value to suggest
     * @return the quantity, or {@code null} when invalid
     */
    public Quantity positiveQuantity(String field, String value, String example) {
        Quantity q = Quantity.parse(value).filter(p -> p.amount().signum() > 0).orElse(null);
        check(field, value, q != null, "give a positive Kubernetes quantity such as " + example);
        return q;
    }

    /**
     * Records a problem unless {@code valid}.
     *
     * @param field the field path
     * @param value the value found
     * @param valid whether the value passed the check
     * @param fix what to do instead
     * @return {@code valid}
     */
    public boolean check(String field, Object value, boolean valid, String fix) {
        if (!valid) {
            add(field, Objects.toString(value), fix);
        }
        return valid;
    }
}
