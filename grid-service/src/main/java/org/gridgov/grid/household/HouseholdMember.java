package org.gridgov.grid.household;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member of a household besides its head; phone and ID number encrypted, with masked copies for views. */
@Entity
@Table(name = "household_member")
public class HouseholdMember extends PanacheEntityBase {
    /** the member's relation to the head of the household */
    public enum Relation {
        SPOUSE, CHILD, PARENT, GRANDCHILD, GRANDPARENT, SIBLING, OTHER
    }

    @Id
    public UUID id;
    @Column(name = "household_id", nullable = false)
    public UUID householdId;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Relation relation;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    @Column(name = "phone_enc")
    public String phoneEncrypted;
    @Column(name = "phone_masked")
    public String phoneMasked;
    @Column(name = "id_enc")
    public String idEncrypted;
    @Column(name = "id_masked")
    public String idMasked;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
