package org.gridgov.event.category;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A category to create or replace. A big class has a 2-digit code and no parent; a small class a
 * 4-digit code starting with its big class's code.
 *
 * @param county the county (6 digits) whose own category this is; omitted: the existing category's county, else the
 *               county of a county's administrator, else (the system administrator) the shared catalogue
 */
public record CategoryRequest(
        @NotNull Category.Kind kind,
        @NotBlank @Pattern(regexp = "[0-9]{2}([0-9]{2})?", message = "must be 2 digits (big class) or 4 digits (small class)") String code,
        @NotBlank @Size(max = 50) String nameZh,
        @NotBlank @Size(max = 100) String nameEn,
        @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be the key of a big class") String parentKey,
        Category.Urgency urgency,
        @Min(1) @Max(60) Integer timeLimitDays,
        @Min(1) @Max(72) Integer urgentHours,
        Boolean active,
        @Pattern(regexp = "[0-9]{6}", message = "must be a county code (6 digits)") String county) {
    /** without a county: see {@link Categories#put} for which county it goes to */
    public CategoryRequest(Category.Kind kind, String code, String nameZh, String nameEn, String parentKey, Category.Urgency urgency,
            Integer timeLimitDays, Integer urgentHours, Boolean active) {
        this(kind, code, nameZh, nameEn, parentKey, urgency, timeLimitDays, urgentHours, active, null);
    }
}
