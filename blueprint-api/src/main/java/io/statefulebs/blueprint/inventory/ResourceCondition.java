package io.statefulebs.blueprint.inventory;

import java.time.Instant;

/**
 * One status condition of an object (type, status {@code True}/{@code False}/{@code Unknown}, reason, message, since when).
 *
 * @param type    the condition type, e.g. {@code Ready}
 * @param status  {@code True}, {@code False} or {@code Unknown}
 * @param reason  the reason for the last transition
 * @param message a human-readable message
 * @param since   when the condition last changed
 */
public record ResourceCondition(String type, String status, String reason, String message, Instant since) {
    /** {@return whether the status is {@code True}} */
    public boolean isTrue() {
        return "True".equals(status);
    }
}
