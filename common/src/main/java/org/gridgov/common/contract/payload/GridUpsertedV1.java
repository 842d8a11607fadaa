package org.gridgov.common.contract.payload;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A grid registry node as other services replicate it. Key: the grid code.
 *
 * @param code        hierarchical code (county, street, community, grid segments)
 * @param level       STREET, COMMUNITY, GRID (level-2 grid)
 * @param parentCode  code of the parent node, null for a street
 * @param boundary    GeoJSON Polygon or MultiPolygon (WGS84), null when the node has none
 * @param leaderId    the user id of the grid leader / handler, may be null
 * @param version     increases with every change of the node
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
        long version) {
}
