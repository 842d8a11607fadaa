package org.gridgov.event.replica;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** This service's copy of a grid registry node, kept from the registry topic. */
@Entity
@Table(name = "grid_replica")
public class GridReplica extends PanacheEntityBase {
    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String level;
    @Column(nullable = false)
    public String status;
    @Column(name = "parent_code")
    public String parentCode;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "street_code")
    public String streetCode;
    @Column(name = "leader_id")
    public String leaderId;
    public String boundary;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
