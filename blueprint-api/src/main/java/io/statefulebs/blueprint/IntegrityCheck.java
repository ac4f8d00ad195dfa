package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spec.IntegrityLines;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.IntegrityReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the integrity writer's file: per writer, sequence numbers contiguous from 1 (none lost), none repeated (none
 * duplicated), every checksum valid (none corrupted).
 */
final class IntegrityCheck {
    private IntegrityCheck() {
    }

    static IntegrityReport of(FileContent content) {
        Map<String, Long> last = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = content.lines();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            Optional<IntegrityLines.Parsed> parsed = IntegrityLines.parse(lines.get(i));
            if (parsed.isEmpty()) {
                problems.add("line " + number + " is not an integrity line (POD SEQ MESSAGE CKSUM): " + lines.get(i));
                continue;
            }
            IntegrityLines.Parsed line = parsed.get();
            counts.merge(line.pod(), 1, Integer::sum);
            if (!line.checksumValid()) {
                problems.add("line " + number + " of writer " + line.pod() + " is corrupted: its checksum does not match");
            }
            long previous = last.getOrDefault(line.pod(), 0L);
            if (line.sequence() <= previous) {
                problems.add("line " + number + " of writer " + line.pod() + " repeats sequence " + line.sequence()
                        + " (after " + previous + ")");
                continue;
            }
            if (line.sequence() != previous + 1) {
                problems.add("line " + number + " of writer " + line.pod() + " has sequence " + line.sequence() + " after "
                        + previous + ": " + (line.sequence() - previous - 1) + " line(s) lost");
            }
            last.put(line.pod(), line.sequence());
        }
        return new IntegrityReport(content, counts, problems);
    }
}
