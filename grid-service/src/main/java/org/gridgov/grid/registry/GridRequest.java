package org.gridgov.grid.registry;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Create or replace a registry node.
 *
 * @param kind    GEOGRAPHIC (default) or THEMATIC (only for level-2 grids)
 * @param theme   for a thematic grid: INDUSTRY, AGE_GROUP or INTEREST
 * @param matters what runs through the grid: PARTY_BUILDING, PUBLIC_SECURITY, MARKET_SUPERVISION, HEALTH, EMERGENCY
 */
public record GridRequest(
        @NotBlank @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}", message = "must be 6 (district), 9 (street), 12 (community) or 15 (grid) digits") String code,
        @NotBlank @Size(max = 100) String name,
        @NotNull GridNode.Level level,
        String parentCode,
        GridNode.Kind kind,
        @Pattern(regexp = "INDUSTRY|AGE_GROUP|INTEREST", message = "must be INDUSTRY, AGE_GROUP or INTEREST") String theme,
        @Size(max = 5) List<@Pattern(regexp = "PARTY_BUILDING|PUBLIC_SECURITY|MARKET_SUPERVISION|HEALTH|EMERGENCY", message = "must be PARTY_BUILDING, PUBLIC_SECURITY, MARKET_SUPERVISION, HEALTH or EMERGENCY") String> matters,
        @Size(max = 100) String leaderId,
        JsonNode boundary) {
}
