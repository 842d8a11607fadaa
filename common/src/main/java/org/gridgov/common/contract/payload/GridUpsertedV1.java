package org.gridgov.common.contract.payload;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A grid registry node as other services replicate it. Key: the grid code.
 *
 * @param code        hierarchical code (county, street, community, grid segments)
 * @param level       DISTRICT, STREET, COMMUNITY, GRID1 (level-1 grid), GRID (level-2 grid)
 * @param kind        GEOGRAPHIC or THEMATIC
 * @param status      ACTIVE or RETIRED (a retired node names its successors)
 * @param parentCode  code of the parent node, null for a district
 * @param boundary    GeoJSON Polygon or MultiPolygon (WGS84), null when the node has none
 * @param leaderId    the user id of the grid leader / handler, may be null
 * @param version     increases with every change of the node
 * @param workerIds   user ids of the grid workers assigned to the node
 * @param successorCodes for a retired node, where its holdings went
 */
public record GridUpsertedV1(
        String code,
        String name,
        String level,
        String kind,
        String status,
        String parentCode,
        String communityCode,
        String streetCode,
        String leaderId,
        JsonNode boundary,
        long version,
        String districtCode,
        String grid1Code,
        String theme,
        List<String> matters,
        List<String> workerIds,
        List<String> successorCodes) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.GRID_UPSERTED;
    }

    @Override
    public String key() {
        return code;
    }
}
