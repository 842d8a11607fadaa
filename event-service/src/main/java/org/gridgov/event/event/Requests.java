package org.gridgov.event.event;

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

    /** A new report. A point or an address is required; the point is located to a grid. */
    public record Report(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*", message = "must be a category key such as environment.garbage") String category,
            @NotBlank @Size(max = 2000) String description,
            @Valid Location location,
            @Size(max = 300) String address,
            @Pattern(regexp = "APP|WEB|GRID_PATROL|VISIT|HOTLINE_12345|PARTNER", message = "must be APP, WEB, GRID_PATROL, VISIT, HOTLINE_12345 or PARTNER") String channel) {
    }

    public record Resolution(@NotBlank @Size(max = 2000) String note) {
    }

    public record Verification(@NotNull Boolean passed, @Size(max = 2000) String note) {
    }

    public record FollowUp(@NotNull Satisfaction satisfaction, @Size(max = 2000) String comment) {
    }
}
