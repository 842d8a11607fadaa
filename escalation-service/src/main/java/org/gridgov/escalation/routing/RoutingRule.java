package org.gridgov.escalation.routing;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One routing rule. It matches an event whose category is {@code categoryPrefix} or below it
 * (empty: every category) in a place whose grid code starts with {@code placePrefix} (empty:
 * everywhere), at a tier. The handler is GRID, COMMUNITY or STREET (the unit of that place) or
 * DEPT:code; cooperating departments join it (联动). {@code urgentHours} sets a limit in natural
 * hours instead of the tier's working days.
 */
public record RoutingRule(
        @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9-]+", message = "lower-case letters, digits and '-'") String id,
        @NotNull @Size(max = 100) @Pattern(regexp = "|[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*", message = "must be empty or a category key") String categoryPrefix,
        @NotNull @Pattern(regexp = "\\d{0,15}", message = "must be empty or the leading digits of a grid code") String placePrefix,
        @NotNull Router.Tier tier,
        @NotBlank @Pattern(regexp = "GRID|COMMUNITY|STREET|DEPT:[a-z0-9-]+", message = "must be GRID, COMMUNITY, STREET or DEPT:<code>") String handler,
        List<@Pattern(regexp = "[a-z0-9-]+", message = "a department code") String> cooperating,
        @Min(1) @Max(720) Integer urgentHours) {

    boolean matches(String category, String gridCode, Router.Tier t) {
        return tier == t
                && (categoryPrefix.isEmpty() || category.equals(categoryPrefix) || category.startsWith(categoryPrefix + "."))
                && (placePrefix.isEmpty() || (gridCode != null && gridCode.startsWith(placePrefix)));
    }

    boolean catchAll() {
        return categoryPrefix.isEmpty() && placePrefix.isEmpty();
    }
}
