package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The state of a reported event right after one transition (event-carried state). Every
 * lifecycle type on {@code gridgov.event.lifecycle.v1} carries this payload. Key: the event id.
 * Personal data is limited to the reporter's opaque user id; no names, phones or addresses
 * beyond the public place description. A hotline caller's name and phone never leave event-service.
 *
 * @param urgency     {@code NORMAL} or {@code URGENT}, from the category
 * @param timeLimitDays the category's default time limit in working days (null: the tier's)
 * @param urgentHours the time limit in hours of an urgent event (null: not urgent)
 * @param itemType    {@code IMMEDIATE} (即办件, solved on the spot) or {@code PROMISED} (承诺件, dispatched with a deadline)
 * @param mergedInto  for a merged duplicate: the event it was linked to
 * @param followUpOutcome {@code NO_ANSWER} when the event was closed as 回访未果 (the follow-up reached nobody; no
 *                    rating, counted apart from the satisfaction rate); null otherwise
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
        OffsetDateTime occurredAt,
        String urgency,
        Integer timeLimitDays,
        Integer urgentHours,
        String itemType,
        UUID mergedInto,
        String followUpOutcome) implements Payload {
    @Override
    public String key() {
        return eventId.toString();
    }
}
