package io.statefulebs.blueprint.spi;

/** The outcome of a command run in a container. */
public record ExecResult(String stdout, String stderr, int exitCode) {
    /** {@return whether the command exited with status 0} */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
