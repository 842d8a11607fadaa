package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A person who serves grids was registered or changed (一张网: grid leaders, workers, party members, building
 * leaders, volunteers, cadres), on the compacted registry topic: the latest record per person is the person's
 * state. Key: {@code person:<personId>}. No personal data beyond the user id: no name, no phone.
 *
 * @param personId   the user id in tokens (the JWT subject)
 * @param role       GRID_LEADER, GRID_WORKER, PARTY_MEMBER, BUILDING_LEADER, VOLUNTEER or CADRE
 * @param cadreClass for cadres and party members: one of the five classes ({@link org.gridgov.common.contract.CadreClass}), else null
 * @param status     ACTIVE or INACTIVE
 * @param gridCodes  the grids the person serves, sorted
 * @param updatedAt  when the person's record last changed; a consumer keeps the latest
 */
public record PersonUpsertedV1(
        String personId,
        String role,
        String cadreClass,
        String status,
        List<String> gridCodes,
        OffsetDateTime updatedAt) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.PERSON_UPSERTED;
    }

    @Override
    public String key() {
        return "person:" + personId;
    }

    @Override
    public String subject() {
        return personId;
    }
}
