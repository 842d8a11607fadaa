package org.gridgov.grid.grid;

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
    public enum Level {
        STREET(9), COMMUNITY(12), GRID(15);

        /** digits of a code at this level */
        public final int codeLength;

        Level(int codeLength) {
            this.codeLength = codeLength;
        }

        public Level parent() {
            return this == STREET ? null : values()[ordinal() - 1];
        }
    }

    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;
    @Column(nullable = false)
    public String kind = "GEOGRAPHIC";
    @Column(nullable = false)
    public String status = "ACTIVE";
    @Column(name = "parent_code")
    public String parentCode;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "street_code")
    public String streetCode;
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
