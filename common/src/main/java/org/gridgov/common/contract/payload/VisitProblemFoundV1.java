package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A problem a cadre found on a household visit (走访纪实); event-service turns it into an event.
 * Key: the household id. No personal data of the household beyond the address of the place.
 *
 * @param problemId   stable id of the problem: event-service creates one event per problem id
 * @param visitorId   user id of the cadre or grid worker who visited; the event's reporter
 * @param latitude    the building's position when known, else null (the grid code places the event)
 */
public record VisitProblemFoundV1(
        UUID problemId,
        UUID visitId,
        UUID householdId,
        String gridCode,
        String communityCode,
        String streetCode,
        String visitorId,
        String category,
        String description,
        String address,
        Double latitude,
        Double longitude,
        OffsetDateTime foundAt) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.VISIT_PROBLEM_FOUND;
    }

    @Override
    public String key() {
        return householdId.toString();
    }

    @Override
    public String subject() {
        return problemId.toString();
    }
}
