package org.gridgov.event.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An event with its full timeline, as front ends read it. */
public record EventView(UUID id, EventStatus status, String category, String description, String channel,
        Requests.Location location, String address, String gridCode, String communityCode, String streetCode,
        String reporterId, String handlerUnit, OffsetDateTime deadline, Satisfaction satisfaction,
        OffsetDateTime reportedAt, OffsetDateTime resolvedAt, OffsetDateTime closedAt, List<Step> timeline) {

    public record Step(Transition action, EventStatus fromStatus, EventStatus toStatus, String actor, String note,
            OffsetDateTime at) {
    }

    static EventView of(EventRecord e, List<TimelineEntry> steps) {
        return new EventView(e.id, e.status, e.category, e.description, e.channel,
                e.latitude == null ? null : new Requests.Location(e.latitude, e.longitude), e.address, e.gridCode,
                e.communityCode, e.streetCode, e.reporterId, e.handlerUnit, e.deadline,
                e.satisfaction == null ? null : Satisfaction.valueOf(e.satisfaction), e.reportedAt, e.resolvedAt,
                e.closedAt, steps.stream().map(s -> new Step(s.action, s.fromStatus, s.toStatus, s.actor, s.note, s.at)).toList());
    }
}
