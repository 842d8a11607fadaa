package org.gridgov.event.category;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event or component class (事件/部件类别) in the GB/T 30428.2 style: a big class with a 2-digit
 * code, small classes with 4-digit codes under it. Reports name a small class by its stable
 * English key; the key's first part is the big class, which routing rules match on.
 */
@Entity
@Table(name = "category")
public class Category extends PanacheEntityBase {
    public enum Kind {
        /** 事件: something happening (garbage, noise, a dispute) */
        EVENT,
        /** 部件: a public facility in disrepair (a manhole cover, a street light) */
        COMPONENT
    }

    public enum Urgency {
        NORMAL, URGENT
    }

    @Id
    public String key;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false)
    public String code;
    @Column(name = "name_zh", nullable = false)
    public String nameZh;
    @Column(name = "name_en", nullable = false)
    public String nameEn;
    @Column(name = "parent_key")
    public String parentKey;
    @Column(nullable = false)
    public String urgency;
    /** default time limit in working days (null: the dispatch tier's) */
    @Column(name = "time_limit_days")
    public Integer timeLimitDays;
    /** time limit in hours when urgent */
    @Column(name = "urgent_hours")
    public Integer urgentHours;
    @Column(nullable = false)
    public boolean active;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
    /** the county (6 digits) that added this category for itself; null for the shared catalogue every county uses */
    public String county;

    /** whether a report in {@code county} (null: not located in any) may use it: shared categories everywhere, a county's in it */
    public boolean usableIn(String reportCounty) {
        return county == null || county.equals(reportCounty);
    }

    /** Only small classes (with a parent) are reported against. */
    public boolean reportable() {
        return active && parentKey != null;
    }
}
