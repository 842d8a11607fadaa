package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What a cooperating department (联动) did with its part of a task led by another unit: accepted its part,
 * reported progress (with evidence) or reported its part done. Key: the event id; the {@code ce_handlerunit}
 * header names the lead unit, as on every task fact.
 *
 * @param handlerUnit   the lead unit of the task
 * @param unit          the cooperating unit whose part this is, {@code DEPT:<code>}
 * @param action        ACCEPTED, PROGRESSED or DONE, matching the type
 * @param status        the part's state after this fact: ACCEPTED or DONE
 * @param actor         the user over REST, the unit ({@code DEPT:<code>}) for a department's Kafka or webhook reply
 * @param evidence      URLs of photos or files backing a progress or the part done; empty when none
 * @param evidenceFiles the same with type, size and SHA-256 (e.g. event-service's {@code /evidence/<id>}); empty when none
 * @param openParts     the cooperating units whose parts are not done after this fact (the lead resolves when it is empty,
 *                      or gives a reason)
 */
public record CooperationPartV1(UUID taskId, UUID eventId, String handlerUnit, String unit, String action, String status, String actor,
        String note, List<String> evidence, List<EvidenceV1> evidenceFiles, OffsetDateTime at, List<String> openParts) implements Payload {
    public static final String ACCEPTED = "ACCEPTED";
    public static final String PROGRESSED = "PROGRESSED";
    public static final String DONE = "DONE";

    @Override
    public String key() {
        return eventId.toString();
    }
}
