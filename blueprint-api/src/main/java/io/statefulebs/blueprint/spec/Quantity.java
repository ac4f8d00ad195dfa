package io.statefulebs.blueprint.spec;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 4Gi}, {@code 500m}, {@code 1}), parsed the way the API server parses it.
 *
 * @param text   the quantity as written
 * @param amount its value in base units (bytes, cores)
 */
public record Quantity(String text, BigDecimal amount) {
    private static final Pattern SHAPE = Pattern.compile("^(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    /**
     * Parses a non-negative quantity; empty when the text is not a Kubernetes quantity.
     *
     * @param text the quantity, e.g. {@code 4Gi}
     * @return the quantity, or empty
     */
    public static Optional<Quantity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal amount = suffix.startsWith("e") || suffix.startsWith("E")
                ? number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)))
                : number.multiply(SUFFIXES.get(suffix));
        return Optional.of(new Quantity(text, amount));
    }

    /**
     * Parses or throws {@link IllegalArgumentException}; for values already validated.
     *
     * @param text a valid quantity
     * @return the quantity
     */
    public static Quantity of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a Kubernetes quantity: " + text));
    }

    /** {@return the size in GiB, as EBS counts it (rounded up, as the CSI driver rounds a request up)} */
    public long gibibytesRoundedUp() {
        return amount.divide(GIB, 0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /** {@return the CPU amount in millicores, rounded up} */
    public long millis() {
        return amount.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    @Override
    public String toString() {
        return text;
    }
}
