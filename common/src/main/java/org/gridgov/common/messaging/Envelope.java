package org.gridgov.common.messaging;

import java.time.OffsetDateTime;

import org.gridgov.common.contract.EventType;

/**
 * What a handler may need besides the payload: the CloudEvent's attributes and the topic it was
 * read from (whose name may say who wrote it, as a department's reply topic does).
 */
public record Envelope(EventType type, String id, String source, String subject, OffsetDateTime time, String topic) {
}
