package io.statefulebs.blueprint.spec;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The integrity writer's lines: the POSIX cksum as the command computes it, and the rendered loop run by a real shell. */
class IntegrityLinesTest {
    @Test
    void cksumIsThePosixCommands() {
        assertThat(IntegrityLines.cksum("hello\n")).isEqualTo(3015617425L);
        assertThat(IntegrityLines.cksum("stateful-abc 1 Writing content every three minutes!\n")).isEqualTo(1121840418L);
        assertThat(IntegrityLines.cksum("")).isEqualTo(4294967295L);
    }

    @Test
    void aLineParsesBackAndACorruptedOneIsFound() {
        String line = IntegrityLines.line("stateful-abc", 7, "Writing content");
        assertThat(IntegrityLines.parse(line)).hasValue(new IntegrityLines.Parsed("stateful-abc", 7, true));
        assertThat(IntegrityLines.parse(line.replace("content", "c0ntent"))).hasValueSatisfying(p -> assertThat(p.checksumValid()).isFalse());
        assertThat(IntegrityLines.parse("Writing content every three minutes! Printing a random number: 42")).isEmpty();
    }

    @Test
    void theBlueprintsWriterStaysTheDefault() {
        WorkloadSpec plain = StatefulEbsBlueprint.builder().zone("eu-west-2a").build().workload();
        assertThat(plain.integrityWriter()).isFalse();
        assertThat(plain.writerScript()).isEqualTo("while true; do echo Writing content every three minutes! Printing a random"
                + " number: $(( $RANDOM % 1000 + 1 ))>> /data/out.txt; sleep 180; done");
        assertThat(plain.toBuilder().integrityWriter(true).build()).isNotEqualTo(plain);
    }

    @Test
    void theRenderedLoopWritesCheckableLinesInARealShell(@TempDir Path dir) throws IOException, InterruptedException {
        WorkloadSpec spec = StatefulEbsBlueprint.builder().zone("eu-west-2a").workload(w -> w.integrityWriter(true)
                .mountPath(dir.toString()).writeInterval(Duration.ofSeconds(1))).build().workload();
        ProcessBuilder shell = new ProcessBuilder("timeout", "2.5", "/bin/sh", "-c", spec.writerScript());
        shell.environment().put("HOSTNAME", "stateful-5d8f-x2x4z");
        Process process = shell.redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(IntegrityLines.parse(lines.get(i))).as(lines.get(i))
                    .hasValue(new IntegrityLines.Parsed("stateful-5d8f-x2x4z", i + 1, true));
        }
        assertThat(lines.get(0)).isEqualTo(IntegrityLines.line("stateful-5d8f-x2x4z", 1, spec.message()));
    }
}
