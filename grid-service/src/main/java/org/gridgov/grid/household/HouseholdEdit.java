package org.gridgov.grid.household;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a household file: every field given replaces the stored one, every field left out (null) stays.
 * The household's grid does not change here (a household that leaves its grid moves out, and is registered anew
 * where it moves to). {@code thematicGrids} replaces the household's thematic memberships.
 */
public record HouseholdEdit(
        @Size(min = 1, max = 200) String address,
        @Pattern(regexp = "\\d{18}", message = "must be an 18-digit building code") String buildingCode,
        @Size(min = 1, max = 50) String headName,
        @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String headPhone,
        String headIdNumber,
        @Min(1) @Max(99) Integer memberCount,
        List<Household.Tag> tags,
        List<Household.FocusTag> focusTags,
        List<@Pattern(regexp = "\\d{15}", message = "must be a 15-digit grid code") String> thematicGrids) {
}
