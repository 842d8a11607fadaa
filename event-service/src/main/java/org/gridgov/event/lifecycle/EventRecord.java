package org.gridgov.event.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.gridgov.common.contract.Channel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A reported problem (事件) and where it stands. */
@Entity
@Table(name = "event")
public class EventRecord extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String category;
    @Column(nullable = false)
    public String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;
    public Double latitude;
    public Double longitude;
    public String address;
    @Column(name = "grid_code")
    public String gridCode;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "street_code")
    public String streetCode;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventStatus status;
    @Column(name = "reporter_id", nullable = false)
    public String reporterId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "handler_unit")
    public String handlerUnit;
    public OffsetDateTime deadline;
    public String satisfaction;
    /** NO_ANSWER: closed as 回访未果 (nobody answered the follow-up); null otherwise */
    @Column(name = "follow_up_outcome")
    public String followUpOutcome;
    /** 补办件: what the reporter is asked to supply, and until when the task's clock waits for it */
    @Column(name = "material_requested")
    public String materialRequested;
    @Column(name = "material_due_at")
    public OffsetDateTime materialDueAt;
    /** 挂账: why it cannot be solved now, when it is reviewed, who asked and which supervisor approved */
    @Column(name = "park_reason")
    public String parkReason;
    @Column(name = "park_review_on")
    public java.time.LocalDate parkReviewOn;
    @Column(name = "park_requested_by")
    public String parkRequestedBy;
    @Column(name = "park_approved_by")
    public String parkApprovedBy;
    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;
    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
    /** NORMAL or URGENT, from the category */
    @Column(nullable = false)
    public String urgency = "NORMAL";
    @Column(name = "time_limit_days")
    public Integer timeLimitDays;
    @Column(name = "urgent_hours")
    public Integer urgentHours;
    /** IMMEDIATE (即办件), PROMISED (承诺件), SUPPLEMENTARY (补办件), REPORTED_UP (上报件) or PARKED (挂账): {@link org.gridgov.common.contract.ItemType} */
    @Column(name = "item_type", nullable = false)
    public String itemType = "PROMISED";
    /** for a merged duplicate: the first report of the same problem */
    @Column(name = "merged_into")
    public UUID mergedInto;
    /** SHA-256 of the request that created it (an idempotent retry must send the same) */
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "reject_reason")
    public String rejectReason;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    /** when a task of it first went overdue, at any tier: it is late however it ends */
    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;
    @Column(name = "hotline_ticket")
    public String hotlineTicket;
    @Column(name = "caller_name_enc")
    public String callerNameEnc;
    @Column(name = "caller_phone_enc")
    public String callerPhoneEnc;
    /** the resident's contact an Open311 application sent: encrypted JSON (open311.contact.ResidentContact) */
    @Column(name = "open311_contact_enc")
    public String open311ContactEnc;
    /** the code of the Open311 client application that posted the report */
    @Column(name = "open311_client")
    public String open311Client;
    @Column(name = "operator_id")
    public String operatorId;
    public String partner;
    @Column(name = "external_id")
    public String externalId;
    @Version
    public long version;
}
