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

/**
 * Turns what escapes a command into an exit code: an invalid spec or backend setting is bad input (2, nothing was created);
 * anything else is a failure (1), reported by its message rather than a stack trace. Bad options get one line, as
 * kubectl gives: what is wrong and how to fix it, then where the help is (not the whole usage).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + ex.getMessage());
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof InvalidSpecException invalid) {
            err.println("Invalid blueprint spec, nothing was created:");
            invalid.problems().forEach(p -> err.println("  " + SpecOptions.describe(p)));
            err.println("Run with --help for the options.");
            err.flush();
            return ExitCode.USAGE;
        }
        if (ex instanceof InvalidConfigurationException invalid) {
            err.println("Invalid backend settings, nothing was created: " + invalid.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        err.println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName()));
        err.flush();
        return ExitCode.SOFTWARE;
    }
}
