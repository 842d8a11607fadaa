package org.gridgov.event.lifecycle;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gridgov.event.evidence.Evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An event with its full timeline, as front ends read it.
 *
 * @param duplicates the reports merged into this one (their reporters get the follow-up too)
 * @param caller     12345 calls, operators only: the caller's name and masked phone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(UUID id, EventStatus status, String category, String description, String channel,
        Requests.Location location, String address, String gridCode, String communityCode, String streetCode,
        String reporterId, String handlerUnit, OffsetDateTime deadline, Satisfaction satisfaction, String followUpOutcome,
        Material material, Parking parking,
        OffsetDateTime reportedAt, OffsetDateTime resolvedAt, OffsetDateTime closedAt, String urgency, String itemType,
        UUID mergedInto, List<UUID> duplicates, String rejectReason, String hotlineTicket, CallerView caller, String partner,
        String externalId, List<Step> timeline) {

    public record Step(Transition action, EventStatus fromStatus, EventStatus toStatus, String actor, String note,
            OffsetDateTime at, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Evidence> evidence) {
    }

    public record CallerView(String name, String phone) {
    }

    /** 补办件: what the reporter is asked for and until when the clock waits; null when never asked */
    public record Material(String requested, OffsetDateTime dueAt) {
        static Material of(EventRecord e) {
            return e.materialRequested == null ? null : new Material(e.materialRequested, e.materialDueAt);
        }
    }

    /** 挂账: the reason, the review date, who asked and the supervisor who approved (null while only asked) */
    public record Parking(String reason, java.time.LocalDate reviewOn, String requestedBy, String approvedBy) {
        static Parking of(EventRecord e) {
            return e.parkReason == null ? null : new Parking(e.parkReason, e.parkReviewOn, e.parkRequestedBy, e.parkApprovedBy);
        }
    }

    /**
     * What the reporter of a duplicate merged into {@code e} reads of it: its status, category, places by code,
     * handler, deadline and times, and the timeline's actions without actors, notes or evidence. Never the
     * description, address, point, reporter, duplicates, caller or rating of another resident's report.
     */
    static EventView publicOf(EventRecord e, List<TimelineEntry> steps) {
        return new EventView(e.id, e.status, e.category, null, e.channel.name(), null, null, e.gridCode, e.communityCode, e.streetCode,
                null, e.handlerUnit, e.deadline, null, null, null, null, e.reportedAt, e.resolvedAt, e.closedAt, e.urgency, e.itemType, e.mergedInto,
                null, e.rejectReason, null, null, null, null,
                steps.stream().map(s -> new Step(s.action, s.fromStatus, s.toStatus, null, null, s.at, List.of())).toList());
    }

    /** the event and its timeline, without evidence files (lists, and the answers of the item-type actions) */
    public static EventView of(EventRecord e, List<TimelineEntry> steps) {
        return of(e, steps, List.of(), List.of(), null);
    }

    static EventView of(EventRecord e, List<TimelineEntry> steps, List<EvidenceEntry> evidence, List<UUID> duplicates,
            CallerView caller) {
        Map<Long, List<Evidence>> byStep = evidence.stream().collect(Collectors.groupingBy(v -> v.timelineId,
                Collectors.mapping(v -> new Evidence(v.url, v.contentType, v.size, v.sha256), Collectors.toList())));
        return new EventView(e.id, e.status, e.category, e.description, e.channel.name(),
                e.latitude == null ? null : new Requests.Location(e.latitude, e.longitude), e.address, e.gridCode,
                e.communityCode, e.streetCode, e.reporterId, e.handlerUnit, e.deadline,
                e.satisfaction == null ? null : Satisfaction.valueOf(e.satisfaction), e.followUpOutcome,
                Material.of(e), Parking.of(e), e.reportedAt, e.resolvedAt,
                e.closedAt, e.urgency, e.itemType, e.mergedInto, duplicates.isEmpty() ? null : duplicates, e.rejectReason,
                e.hotlineTicket, caller, e.partner, e.externalId,
                steps.stream().map(s -> new Step(s.action, s.fromStatus, s.toStatus, s.actor, s.note, s.at,
                        byStep.getOrDefault(s.id, List.of()))).toList());
    }
}
