package io.statefulebs.blueprint.error;

/**
 * Root of every exception this library throws. Unchecked, so JShell scripts and fluent chains stay readable;
 * catch the subclasses to react to one kind of failure.
 */
public class BlueprintException extends RuntimeException {
    /**
     * An exception with the given message.
     *
     * @param message what went wrong and how to fix it
     */
    public BlueprintException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying exception
     */
    public BlueprintException(String message, Throwable cause) {
        super(message, cause);
    }
}
