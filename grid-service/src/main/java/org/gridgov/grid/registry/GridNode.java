package org.gridgov.grid.registry;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "grid_node")
public class GridNode extends PanacheEntityBase {
    /**
     * Levels of the one net and the digits of their codes: district (county administrative code,
     * 6), street/town (+3), community/village (+3), level-1 grid (community + "000"), level-2 grid
     * (community + 001..999, under the community's level-1 grid).
     */
    public enum Level {
        DISTRICT(6), STREET(9), COMMUNITY(12), GRID1(15), GRID(15);

        /** digits of a code at this level */
        public final int codeLength;

        Level(int codeLength) {
            this.codeLength = codeLength;
        }

        public Level parent() {
            return this == DISTRICT ? null : values()[ordinal() - 1];
        }
    }

    public enum Kind {
        /** a piece of territory with a boundary; points are located to these */
        GEOGRAPHIC,
        /** a grid by industry, age group or interest: households join it, it has no territory of its own */
        THEMATIC
    }

    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind = Kind.GEOGRAPHIC;
    public String theme;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public java.util.List<String> matters = new java.util.ArrayList<>();
    @Column(nullable = false)
    public String status = "ACTIVE";
    @Column(name = "parent_code")
    public String parentCode;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "street_code")
    public String streetCode;
    @Column(name = "district_code")
    public String districtCode;
    @Column(name = "grid1_code")
    public String grid1Code;
    @Column(name = "retired_at")
    public OffsetDateTime retiredAt;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(name = "successor_codes", columnDefinition = "text[]")
    public java.util.List<String> successorCodes;
    @Column(name = "leader_id")
    public String leaderId;
    /** GeoJSON geometry text */
    public String boundary;
    @Version
    public long version;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
