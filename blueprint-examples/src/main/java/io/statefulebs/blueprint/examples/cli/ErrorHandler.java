package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.error.InvalidConfigurationException;
import io.statefulebs.blueprint.error.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * Turns what escapes a command into an exit code: an invalid spec or backend setting is bad input (2, nothing was created);
 * anything else is a failure (1), reported by its message rather than a stack trace. Bad options get one line, as
 * kubectl gives: what is wrong and how to fix it, then where the help is (not the whole usage).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return badInput(ex.getCommandLine(), ex.getMessage());
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof InvalidSpecException invalid) {
            // One line per problem, each naming its option; the same shape as every other bad input.
            return badInput(commandLine, invalid.problems().stream().map(SpecOptions::describe)
                    .collect(Collectors.joining("\nerror: ")) + "\nnothing was created");
        }
        if (ex instanceof InvalidConfigurationException invalid) {
            return badInput(commandLine, invalid.getMessage() + "; nothing was created");
        }
        PrintWriter err = commandLine.getErr();
        err.println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName()));
        err.flush();
        return ExitCode.SOFTWARE;
    }

    /** kubectl's shape: {@code error: what is wrong and how to fix it}, then where the help is; exit 2. */
    private static int badInput(CommandLine commandLine, String message) {
        PrintWriter err = commandLine.getErr();
        err.println("error: " + message);
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.USAGE;
    }
}
