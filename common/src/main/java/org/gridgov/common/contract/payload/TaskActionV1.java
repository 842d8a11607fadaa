package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What a handler unit did with its task: accepted, progressed, returned (退回) or resolved. Key: the event id. */
public record TaskActionV1(UUID taskId, UUID eventId, String handlerUnit, String action, String actor, String note,
        List<String> evidence, OffsetDateTime at) {
}
