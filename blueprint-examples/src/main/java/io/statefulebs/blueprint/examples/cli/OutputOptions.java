package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.examples.output.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** The commands' output options ({@code --report}, {@code --junit}). */
final class OutputOptions {
    private OutputOptions() {
    }

    /** An output path is checked before anything is sent to a cluster: a typo costs no cluster time. */
    static void requireWritable(CommandLine commandLine, String option, Path file) {
        if (file != null) {
            OutputFiles.whyNotWritable(file).ifPresent(problem -> {
                throw new ParameterException(commandLine, option + " " + file + ": " + problem);
            });
        }
    }
}
