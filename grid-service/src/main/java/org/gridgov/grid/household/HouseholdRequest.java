package org.gridgov.grid.household;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A household to register. {@code code} is generated when absent. */
public record HouseholdRequest(
        @Size(max = 40) String code,
        @NotBlank @Pattern(regexp = "\\d{15}", message = "must be a 15-digit level-2 grid code") String gridCode,
        @Pattern(regexp = "\\d{18}", message = "must be an 18-digit building code") String buildingCode,
        @NotBlank @Size(max = 200) String address,
        @NotBlank @Size(max = 50) String headName,
        @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String headPhone,
        String headIdNumber,
        @NotNull @Min(1) @Max(99) Integer memberCount,
        List<Household.Tag> tags,
        List<Household.FocusTag> focusTags,
        @Size(max = 100) String contactPersonId,
        List<@Pattern(regexp = "\\d{15}", message = "must be a 15-digit grid code") String> thematicGrids) {
}
