package org.gridgov.common.messaging;

/**
 * Thrown by a handler for a message that can never be processed (unknown sender, unknown subject,
 * invalid action): it goes to the consumer's dead-letter topic at once, with this reason, instead
 * of being retried.
 */
public class RejectedMessage extends RuntimeException {
    public RejectedMessage(String reason) {
        super(reason);
    }
}
