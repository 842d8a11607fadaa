package org.gridgov.event.category;

import java.time.OffsetDateTime;

/** A category as the API shows it; {@code county} null for the shared catalogue. */
public record CategoryView(String key, Category.Kind kind, String code, String nameZh, String nameEn, String parentKey,
        Category.Urgency urgency, Integer timeLimitDays, Integer urgentHours, boolean active, long version,
        OffsetDateTime updatedAt, String updatedBy, String county) {

    public static CategoryView of(Category c) {
        return new CategoryView(c.key, Category.Kind.valueOf(c.kind), c.code, c.nameZh, c.nameEn, c.parentKey,
                Category.Urgency.valueOf(c.urgency), c.timeLimitDays, c.urgentHours, c.active, c.version, c.updatedAt, c.updatedBy, c.county);
    }
}
