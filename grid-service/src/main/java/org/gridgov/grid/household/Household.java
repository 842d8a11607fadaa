package org.gridgov.grid.household;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** 一户一档: one household's file. Phone and ID number are stored encrypted, with a masked copy for lists. */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {
    /** 流动户, 党员户, 老龄户, 一般户 */
    public enum Tag {
        MIGRANT, PARTY_MEMBER, ELDERLY, ORDINARY
    }

    /** focus households, visited first: 贫困户, 矛盾纠纷户, 上访户, 建房申请户, 12345诉求人 */
    public enum FocusTag {
        POOR, DISPUTE, PETITIONER, BUILDING_PERMIT, HOTLINE_12345
    }

    public static final String ACTIVE = "ACTIVE";
    /** 迁出: the file is kept and read, no longer listed, visited or changed */
    public static final String MOVED_OUT = "MOVED_OUT";

    @Id
    public UUID id;
    @Column(nullable = false, unique = true)
    public String code;
    @Column(name = "grid_code", nullable = false)
    public String gridCode;
    @Column(name = "building_code")
    public String buildingCode;
    @Column(nullable = false)
    public String address;
    @Column(name = "head_name", nullable = false)
    public String headName;
    @Column(name = "head_phone_enc")
    public String headPhoneEncrypted;
    @Column(name = "head_phone_masked")
    public String headPhoneMasked;
    @Column(name = "head_id_enc")
    public String headIdEncrypted;
    @Column(name = "head_id_masked")
    public String headIdMasked;
    @Column(name = "member_count", nullable = false)
    public int memberCount;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "focus_tags", nullable = false, columnDefinition = "text[]")
    public List<String> focusTags = new ArrayList<>();
    @Column(name = "contact_person_id")
    public String contactPersonId;
    @Column(nullable = false)
    public String status = "ACTIVE";
    @Column(name = "moved_out_at")
    public OffsetDateTime movedOutAt;
    @Column(name = "moved_out_note")
    public String movedOutNote;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
