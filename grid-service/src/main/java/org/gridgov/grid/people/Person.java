package org.gridgov.grid.people;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Someone who works the grids. The id is the user id in tokens (the JWT subject). */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {
    public enum Role {
        /** 网格长 */
        GRID_LEADER,
        /** 网格员 */
        GRID_WORKER,
        /** 党员 */
        PARTY_MEMBER,
        /** 楼长 */
        BUILDING_LEADER,
        /** 志愿者 */
        VOLUNTEER,
        /** 村(社区)干部 */
        CADRE
    }

    public static final String ACTIVE = "ACTIVE";
    /**
     * deactivated: keeps her history (visits, grids served), gets no new work; see {@link PersonChanges#deactivate} and
     * {@link PersonChanges#reactivate}
     */
    public static final String INACTIVE = "INACTIVE";

    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;
    @Column(name = "phone_enc")
    public String phoneEncrypted;
    @Column(name = "phone_masked")
    public String phoneMasked;
    /** for cadres and party members: the scoring class (the seeds use five) */
    @Column(name = "cadre_class")
    public String cadreClass;
    @Column(nullable = false)
    public String status = "ACTIVE";
    @Column(name = "deactivated_at")
    public OffsetDateTime deactivatedAt;
    @Column(name = "deactivation_reason")
    public String deactivationReason;
    /** when person-upserted last announced her; null: never (registered before the fact existed), see {@link PersonAnnouncements} */
    @Column(name = "announced_at")
    public OffsetDateTime announcedAt;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
