package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spec.IntegrityLines;
import io.statefulebs.blueprint.view.FileContent;
import io.statefulebs.blueprint.view.IntegrityReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The integrity check on planted files: each kind of damage is named, an intact file passes. */
class IntegrityCheckTest {
    private static final String MESSAGE = "Writing content";

    private static IntegrityReport check(List<String> lines) {
        return IntegrityCheck.of(new FileContent("stateful-a", "/data/out.txt", lines));
    }

    private static List<String> interleaved() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add(IntegrityLines.line("a", i, MESSAGE));
            lines.add(IntegrityLines.line("b", i, MESSAGE));
        }
        return lines;
    }

    @Test
    void interleavedWritersWithContiguousSequencesAreIntact() {
        IntegrityReport report = check(interleaved());

        assertThat(report.intact()).isTrue();
        assertThat(report.linesPerWriter()).containsEntry("a", 3).containsEntry("b", 3);
    }

    @Test
    void aLostLineIsAGap() {
        List<String> lines = interleaved();
        lines.remove(2);

        assertThat(check(lines).problems()).containsExactly("line 4 of writer a has sequence 3 after 1: 1 line(s) lost");
    }

    @Test
    void aRepeatedLineIsADuplicate() {
        List<String> lines = interleaved();
        lines.add(lines.get(0));

        assertThat(check(lines).problems()).containsExactly("line 7 of writer a repeats sequence 1 (after 3)");
    }

    @Test
    void aChangedLineIsCorrupted() {
        List<String> lines = interleaved();
        lines.set(1, lines.get(1).replace("content", "kontent"));

        assertThat(check(lines).problems()).containsExactly("line 2 of writer b is corrupted: its checksum does not match");
    }

    @Test
    void aForeignLineIsNamed() {
        List<String> lines = interleaved();
        lines.add("Writing content every three minutes! Printing a random number: 42");

        assertThat(check(lines).problems()).singleElement().asString().startsWith("line 7 is not an integrity line");
    }
}
