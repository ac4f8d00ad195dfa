package io.statefulebs.blueprint.error;

/**
 * Root of every exception this library throws. Unchecked, so JShell scripts and fluent chains stay readable;
 * catch the subclasses to react to one kind of failure.
 */
public class BlueprintException extends RuntimeException {
    public BlueprintException(String message) {
        super(message);
    }

    public BlueprintException(String message, Throwable cause) {
        super(message, cause);
    }
}
