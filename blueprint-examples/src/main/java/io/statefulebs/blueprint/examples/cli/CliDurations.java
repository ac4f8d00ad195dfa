package io.statefulebs.blueprint.examples.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a person types them on the command line: {@code 90s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT2M}. */
final class CliDurations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smh])");

    private CliDurations() {
    }

    static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
