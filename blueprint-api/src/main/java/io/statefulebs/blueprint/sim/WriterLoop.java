package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulebs.blueprint.spec.IntegrityLines;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blueprint's container loop, {@code while true; do echo MSG $(( $RANDOM % 1000 + 1 ))>> FILE; sleep N; done},
 * which the simulated kubelet runs in virtual time: one line on start and one every interval.
 */
record WriterLoop(String message, String path, Duration interval, boolean integrity) {
    private static final Pattern LOOP = Pattern.compile(
            "while true; do echo (.+?) \\$\\(\\( \\$RANDOM % 1000 \\+ 1 \\)\\) ?>> ?(\\S+); sleep (\\d+); done");

    static Optional<WriterLoop> recognise(JsonNode command, JsonNode args) {
        boolean shell = command.path(0).asText().endsWith("sh") && args.path(0).asText().equals("-c");
        Optional<IntegrityLines.Loop> integrity = shell ? IntegrityLines.loop(args.path(1).asText()) : Optional.empty();
        if (integrity.isPresent()) {
            return Optional.of(new WriterLoop(integrity.get().message(), integrity.get().path(), integrity.get().interval(), true));
        }
        Matcher m = LOOP.matcher(args.path(1).asText());
        if (!shell || !m.matches()) {
            return Optional.empty();
        }
        // echo joins its unquoted words with single spaces.
        String words = String.join(" ", m.group(1).trim().split("\\s+"));
        return Optional.of(new WriterLoop(words, m.group(2), Duration.ofSeconds(Long.parseLong(m.group(3))), false));
    }

    /** The next line of {@code pod}'s writer, its {@code sequence}-th (from 1). */
    String nextLine(RandomGenerator random, String pod, long sequence) {
        return integrity ? IntegrityLines.line(pod, sequence, message) : message + " " + (random.nextInt(1000) + 1);
    }
}
