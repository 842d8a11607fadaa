package org.gridgov.grid.grid;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or replace a registry node. */
public record GridRequest(
        @NotBlank @Pattern(regexp = "\\d{9}|\\d{12}|\\d{15}", message = "must be 9 (street), 12 (community) or 15 (grid) digits") String code,
        @NotBlank @Size(max = 100) String name,
        @NotNull GridNode.Level level,
        String parentCode,
        @Size(max = 100) String leaderId,
        JsonNode boundary) {
}
