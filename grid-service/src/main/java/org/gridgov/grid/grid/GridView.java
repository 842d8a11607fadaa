package org.gridgov.grid.grid;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public record GridView(String code, String name, GridNode.Level level, String kind, String status, String parentCode,
        String communityCode, String streetCode, String leaderId, JsonNode boundary, long version, OffsetDateTime updatedAt) {

    static GridView of(GridNode n, ObjectMapper mapper) {
        try {
            return new GridView(n.code, n.name, n.level, n.kind, n.status, n.parentCode, n.communityCode, n.streetCode,
                    n.leaderId, n.boundary == null ? null : mapper.readTree(n.boundary), n.version, n.updatedAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored boundary of " + n.code + " is not JSON", e);
        }
    }
}
