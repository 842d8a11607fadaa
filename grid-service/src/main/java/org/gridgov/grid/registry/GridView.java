package org.gridgov.grid.registry;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public record GridView(String code, String name, GridNode.Level level, GridNode.Kind kind, String theme, List<String> matters,
        String status, String parentCode, String districtCode, String streetCode, String communityCode, String grid1Code,
        String leaderId, JsonNode boundary, List<String> successorCodes, long version, OffsetDateTime updatedAt,
        OffsetDateTime retiredAt) {

    static GridView of(GridNode n, ObjectMapper mapper) {
        try {
            return new GridView(n.code, n.name, n.level, n.kind, n.theme, n.matters, n.status, n.parentCode, n.districtCode,
                    n.streetCode, n.communityCode, n.grid1Code, n.leaderId, n.boundary == null ? null : mapper.readTree(n.boundary),
                    n.successorCodes, n.version, n.updatedAt, n.retiredAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored boundary of " + n.code + " is not JSON", e);
        }
    }
}
