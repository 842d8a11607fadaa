package org.gridgov.event.followup;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One call of the follow-up queue (回访): who called, when, and what came of it. */
@Entity
@Table(name = "follow_up_attempt")
public class FollowUpAttempt extends PanacheEntityBase {

    /** What came of a call. Every outcome but ANSWERED counts towards 回访未果. */
    public enum Outcome {
        /** the reporter answered and rated the result (recorded with the operator's rating) */
        ANSWERED,
        /** nobody picked up (无人接听) */
        NO_ANSWER,
        /** the number does not ring: switched off, out of service, wrong (无法接通/空号) */
        UNREACHABLE,
        /** someone answered but asked to be called again (约定再联系) */
        CALL_BACK_LATER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String caller;

    @Column(name = "called_at", nullable = false)
    public OffsetDateTime calledAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    public String note;
}
