package io.statefulebs.blueprint.view;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code verifyIntegrity()} found in the integrity writer's file: per writer (pod) the number of lines, and every
 * problem (a sequence gap, a duplicate, a checksum that does not match, a line that is not an integrity line).
 *
 * @param content the file as read
 * @param linesPerWriter each writer's line count, in the order first seen
 * @param problems what is wrong, one sentence each; empty when the file is intact
 */
public record IntegrityReport(FileContent content, Map<String, Integer> linesPerWriter, List<String> problems) {
    /**
     * Copies the map and list.
     *
     * @param content the file
     * @param linesPerWriter lines per writer
     * @param problems the problems
     */
    public IntegrityReport {
        Objects.requireNonNull(content, "content");
        linesPerWriter = Map.copyOf(linesPerWriter);
        problems = List.copyOf(problems);
    }

    /** {@return whether no line was lost, duplicated or corrupted} */
    public boolean intact() {
        return problems.isEmpty();
    }
}
