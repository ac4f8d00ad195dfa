package io.statefulebs.blueprint.examples.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The CLI's report files (JSON, JUnit XML): checked before a run, written after it, missing directories created. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Why {@code file} cannot be written, checked before a run starts so that a typo costs no cluster time; empty
     * when it can be (missing directories are created).
     */
    public static Optional<String> whyNotWritable(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return Optional.of("is a directory; give a file path");
        }
        if (Files.exists(target)) {
            return Files.isWritable(target) ? Optional.empty() : Optional.of("the file is read-only; give another path");
        }
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.of(existing + " is not a directory; give another path");
        }
        return Files.isWritable(existing) ? Optional.empty() : Optional.of("cannot create files in " + existing + "; give another path");
    }

    /** Writes {@code text} to {@code file}, creating its directories; {@code what} names it in the error. */
    public static void write(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " to " + file, e);
        }
    }
}
