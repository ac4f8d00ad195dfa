package io.statefulebs.blueprint.error;

/** Reading a file in a pod failed: the command exited non-zero (for example the file does not exist). */
public class FileReadException extends BlueprintException {
    private final int exitCode;
    private final String stderr;

    public FileReadException(String pod, String path, int exitCode, String stderr) {
        super("reading " + path + " in pod " + pod + " failed with exit code " + exitCode
                + (stderr.isBlank() ? "" : ": " + stderr.strip()));
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
