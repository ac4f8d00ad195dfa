package io.statefulebs.blueprint.error;

/** Reading a file in a pod failed: the command exited non-zero (for example the file does not exist). */
public class FileReadException extends BlueprintException {
    /** The command's exit code. */
    private final int exitCode;
    /** The command's standard error. */
    private final String stderr;

    /**
     * An exception naming the pod, the file and how the read failed.
     *
     * @param pod the pod read from
     * @param path the file's path
     * @param exitCode the command's exit code
     * @param stderr the command's standard error
     */
    public FileReadException(String pod, String path, int exitCode, String stderr) {
        super("reading " + path + " in pod " + pod + " failed with exit code " + exitCode
                + (stderr.isBlank() ? "" : ": " + stderr.strip()));
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** {@return the command's exit code} */
    public int exitCode() {
        return exitCode;
    }

    /** {@return the command's standard error} */
    public String stderr() {
        return stderr;
    }
}
