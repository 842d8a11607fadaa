package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The state of a reported event right after one transition (event-carried state). Every
 * lifecycle type on {@code gridgov.event.lifecycle.v1} carries this payload. Key: the event id.
 * Personal data is limited to the reporter's opaque user id; no names, phones or addresses
 * beyond the public place description.
 */
public record EventLifecycleV1(
        UUID eventId,
        String status,
        String previousStatus,
        String category,
        String channel,
        Double latitude,
        Double longitude,
        String gridCode,
        String communityCode,
        String streetCode,
        String reporterId,
        String actor,
        String note,
        String handlerUnit,
        OffsetDateTime deadline,
        String satisfaction,
        Boolean onTime,
        OffsetDateTime reportedAt,
        OffsetDateTime occurredAt) {
}
