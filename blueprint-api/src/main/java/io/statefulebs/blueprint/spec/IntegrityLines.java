package io.statefulebs.blueprint.spec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of the integrity writer ({@link WorkloadSpec#integrityWriter()}): {@code POD SEQ MESSAGE CKSUM}, where
 * {@code CKSUM} is the POSIX {@code cksum} (CRC-32, polynomial 0x04C11DB7, length appended) of {@code POD SEQ MESSAGE}
 * followed by the newline {@code echo} adds, as the container computes it with {@code echo "$l" | cksum}.
 */
public final class IntegrityLines {
    private static final int[] TABLE = table();
    /** {@link WorkloadSpec#writerScript()} with the integrity writer: message, file, interval in seconds. */
    private static final Pattern LOOP = Pattern.compile("i=0; while true; do i=\\$\\(\\(i\\+1\\)\\); "
            + "l=\"\\$HOSTNAME \\$i (.+?)\"; echo \"\\$l \\$\\(echo \"\\$l\" \\| cksum \\| cut -d' ' -f1\\)\" >> (\\S+); "
            + "sleep (\\d+); done");

    private IntegrityLines() {
    }

    /**
     * One line as the integrity writer writes it.
     *
     * @param pod the writing pod's name
     * @param sequence its sequence number, from 1
     * @param message the workload's message
     * @return the line, without a newline
     */
    public static String line(String pod, long sequence, String message) {
        String content = Objects.requireNonNull(pod, "pod") + " " + sequence + " " + Objects.requireNonNull(message, "message");
        return content + " " + cksum(content + "\n");
    }

    /**
     * The integrity writer's loop, as a container runtime stand-in (the simulator's kubelet, the real tier's harness)
     * recognises it in a container's {@code sh -c} script.
     *
     * @param message the message each line carries
     * @param path the file it appends to
     * @param interval the time between lines
     */
    public record Loop(String message, String path, Duration interval) {
    }

    /**
     * Recognises the integrity writer's script.
     *
     * @param script the {@code sh -c} argument
     * @return the loop, or empty when the script is not the integrity writer's
     */
    public static Optional<Loop> loop(String script) {
        Matcher m = LOOP.matcher(Objects.requireNonNull(script, "script"));
        return m.matches() ? Optional.of(new Loop(m.group(1), m.group(2), Duration.ofSeconds(Long.parseLong(m.group(3)))))
                : Optional.empty();
    }

    /**
     * The POSIX {@code cksum} of the text's UTF-8 bytes, as the {@code cksum} command prints it first.
     *
     * @param text the text (include the trailing newline if the command saw one)
     * @return the checksum, 0 to 4294967295
     */
    public static long cksum(String text) {
        byte[] bytes = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        int crc = 0;
        for (byte b : bytes) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xFF];
        }
        for (long n = bytes.length; n != 0; n >>>= 8) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ (int) (n & 0xFF)) & 0xFF];
        }
        return ~crc & 0xFFFFFFFFL;
    }

    /**
     * A written line taken apart: its writer, sequence number, and whether its checksum matches its content.
     *
     * @param pod the writer
     * @param sequence its sequence number
     * @param checksumValid whether the checksum matches
     */
    public record Parsed(String pod, long sequence, boolean checksumValid) {
    }

    /**
     * Takes an integrity line apart.
     *
     * @param line a line of the file
     * @return its parts, or empty when it is not shaped {@code POD SEQ ... CKSUM}
     */
    public static Optional<Parsed> parse(String line) {
        String[] words = Objects.requireNonNull(line, "line").split(" ");
        int last = line.lastIndexOf(' ');
        if (words.length < 3 || last < 0 || !words[1].matches("\\d{1,18}") || !words[words.length - 1].matches("\\d{1,10}")) {
            return Optional.empty();
        }
        long written = Long.parseLong(words[words.length - 1]);
        return Optional.of(new Parsed(words[0], Long.parseLong(words[1]), cksum(line.substring(0, last) + "\n") == written));
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            table[i] = c;
        }
        return table;
    }
}
