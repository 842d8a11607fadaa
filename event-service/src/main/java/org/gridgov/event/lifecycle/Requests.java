package org.gridgov.event.lifecycle;

import java.util.List;
import java.util.UUID;

import org.gridgov.event.evidence.Evidence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the event API. */
public final class Requests {
    private Requests() {
    }

    public record Location(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    /**
     * A new report. A point or an address is required; the point is located to a grid.
     *
     * @param channel      APP (default for residents), WEB, GRID_PATROL (default for grid workers); a hotline call is
     *                     recognised by {@code caller}
     * @param caller       12345 hotline only: the caller on whose behalf an operator files the report
     * @param solvedOnSpot 即办件, grid workers only: the problem was fixed while reporting it
     */
    public record Report(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*", message = "must be a category key such as environment.garbage") String category,
            @NotBlank @Size(max = 2000) String description,
            @Valid Location location,
            @Size(max = 300) String address,
            @Pattern(regexp = "APP|WEB|GRID_PATROL", message = "must be APP, WEB or GRID_PATROL") String channel,
            @Size(max = 9) List<@Valid @NotNull Evidence> evidence,
            @Valid Caller caller,
            @Valid SolvedOnSpot solvedOnSpot) {
    }

    /** A 12345 caller: name and phone are stored encrypted and shown only to operators. */
    public record Caller(
            @Size(max = 50) String name,
            @NotBlank @Pattern(regexp = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", message = "must be a mobile number (11 digits) or a landline with area code") String phone,
            @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and dashes only") String ticket) {
    }

    /** How the grid worker fixed it on the spot; at least one photo. */
    public record SolvedOnSpot(@NotBlank @Size(max = 2000) String note,
            @NotNull @Size(min = 1, max = 9, message = "at least one photo of the result") List<@Valid @NotNull Evidence> evidence) {
    }

    /** 立案 or not: ACCEPT, REJECT with a reason, or MERGE into an earlier event of the same problem. */
    public record Acceptance(@NotNull Decision decision, @Size(max = 2000) String reason, UUID mergeInto) {
        public enum Decision {
            ACCEPT, REJECT, MERGE
        }
    }

    /**
     * 办结.
     *
     * @param openPartsReason 联动: why the lead resolves while parts of cooperating departments are not done (409 without
     *                        it then); recorded on the timeline
     */
    public record Resolution(@NotBlank @Size(max = 2000) String note, @Size(max = 9) List<@Valid @NotNull Evidence> evidence,
            @Size(max = 2000) String openPartsReason) {
    }

    public record Verification(@NotNull Boolean passed, @Size(max = 2000) String note,
            @Size(max = 9) List<@Valid @NotNull Evidence> evidence) {
    }

    public record FollowUp(@NotNull Satisfaction satisfaction, @Size(max = 2000) String comment) {
    }
}
