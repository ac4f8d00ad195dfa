package io.statefulebs.blueprint.spi;

/** The outcome of a command run in a container. */
public record ExecResult(String stdout, String stderr, int exitCode) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
