package org.gridgov.grid.household;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 楼栋: a building in a level-2 grid; code = grid code + 3 digits. */
@Entity
@Table(name = "building")
public class Building extends PanacheEntityBase {
    @Id
    public String code;
    @Column(name = "grid_code", nullable = false)
    public String gridCode;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String address;
    public Double latitude;
    public Double longitude;
    @Column(name = "leader_id")
    public String leaderId;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
