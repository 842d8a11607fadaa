package org.gridgov.escalation.notification;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.contract.payload.SupervisionNoticeV1;
import org.gridgov.common.contract.payload.TaskDeadlineV1;
import org.gridgov.common.contract.payload.TaskDispatchedV1;
import org.gridgov.common.tx.Transactions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Turns task facts into notifications, one row per person and channel: who is concerned (the
 * handler unit's people; for warnings and overdue tasks also those supervising the place), what
 * is said, and from when it may be sent (after the person's quiet hours, for email and SMS). A
 * fact already told to a person on a channel is not told again ({@code dedup_key}: the same
 * warning of the same task and deadline never twice). {@link NotificationSender} sends the rows.
 */
@ApplicationScoped
public class Notifications {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    EntityManager em;

    @Inject
    People people;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    NotificationSender sender;

    public record View(UUID id, String personId, String channel, String kind, UUID eventId, UUID taskId, String subject, String body,
            String status, int attempts, OffsetDateTime createdAt, OffsetDateTime notBefore, OffsetDateTime sentAt, String error) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int dispatched(TaskDispatchedV1 t) {
        return tell(t.handlerUnit(), t.gridCode(), false, "DISPATCHED", "DISPATCHED:" + t.taskId(), t.eventId(), t.taskId(),
                "【新任务】" + t.category(), "事件 " + t.eventId() + " 已交办 " + t.handlerUnit() + "，请于 " + local(t.deadline())
                        + " 前办结。" + (t.reason() == null ? "" : "（" + t.reason() + "）"));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int warning(TaskDeadlineV1 d, String place) {
        return tell(d.handlerUnit(), place, true, "WARNING", "WARNING:" + d.taskId() + ":" + d.deadline().toInstant(), d.eventId(),
                d.taskId(), "【预警】任务即将到期", "事件 " + d.eventId() + "（" + d.handlerUnit() + "）将于 " + local(d.deadline()) + " 到期。");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int overdue(TaskDeadlineV1 d, String place) {
        return tell(d.handlerUnit(), place, true, "OVERDUE", "OVERDUE:" + d.taskId() + ":" + d.deadline().toInstant(), d.eventId(),
                d.taskId(), "【超期】任务已超期", "事件 " + d.eventId() + "（" + d.handlerUnit() + "）已于 " + local(d.deadline()) + " 超期。");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int supervised(SupervisionNoticeV1 n) {
        return tell(n.handlerUnit(), null, false, "SUPERVISED", "SUPERVISED:" + n.noticeId(), n.eventId(), n.taskId(),
                "【督办】" + (n.overdue() ? "超期任务" : "请加快办理"), "事件 " + n.eventId() + "（" + n.handlerUnit() + "，期限 "
                        + local(n.deadline()) + "）：" + n.note() + " —— " + n.issuedBy());
    }

    private int tell(String unit, String place, boolean supervisors, String kind, String dedup, UUID eventId, UUID taskId, String subject,
            String body) {
        int written = 0;
        for (People.PersonView p : people.concerned(unit, place, supervisors)) {
            written += write(p, kind, dedup, eventId, taskId, subject, body);
        }
        return written;
    }

    /**
     * Tells one person, e.g. the resident who reported: on her channels when she is registered, else on her feed
     * ({@code GET /notifications}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int toPerson(String personId, String kind, String dedup, UUID eventId, UUID taskId, String subject, String body) {
        People.PersonView p = people.find(personId).orElseGet(() -> new People.PersonView(personId, null, null, null,
                List.of(Channel.FEED.name()), null, null, List.of(), List.of()));
        return write(p, kind, dedup, eventId, taskId, subject, body);
    }

    private int write(People.PersonView p, String kind, String dedup, UUID eventId, UUID taskId, String subject, String body) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int written = 0;
        for (Channel c : p.channelList()) {
            OffsetDateTime notBefore = c == Channel.FEED ? now : afterQuietHours(now, p.quietFrom(), p.quietTo());
            written += em.createNativeQuery("insert into notification (id, person_id, channel, kind, dedup_key, event_id, task_id, "
                    + "subject, body, status, not_before, created_at) values (:id, :p, :c, :k, :d, :e, :t, :s, :b, 'PENDING', :nb, :at) "
                    + "on conflict (person_id, channel, dedup_key) do nothing").setParameter("id", UUID.randomUUID())
                    .setParameter("p", p.id()).setParameter("c", c.name()).setParameter("k", kind).setParameter("d", dedup)
                    .setParameter("e", eventId).setParameter("t", taskId).setParameter("s", subject).setParameter("b", body)
                    .setParameter("nb", notBefore).setParameter("at", now).executeUpdate();
        }
        if (written > 0 && transactions.getResource(Notifications.class) == null) {
            transactions.putResource(Notifications.class, Boolean.TRUE);
            Transactions.afterCommit(transactions, sender::wakeUp);
        }
        return written;
    }

    /** now, or the end of the quiet hours (Asia/Shanghai) when now is inside them; a window may pass midnight */
    static OffsetDateTime afterQuietHours(OffsetDateTime now, LocalTime from, LocalTime to) {
        if (from == null || to == null || from.equals(to)) {
            return now;
        }
        LocalDateTime local = now.atZoneSameInstant(ZONE).toLocalDateTime();
        LocalTime t = local.toLocalTime();
        boolean quiet = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        if (!quiet) {
            return now;
        }
        LocalDateTime end = local.toLocalDate().atTime(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.atZone(ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String local(OffsetDateTime t) {
        return t == null ? "?" : t.atZoneSameInstant(ZONE).format(WHEN);
    }

    /** a person's notifications, newest first */
    @Transactional
    public List<View> of(String personId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, person_id, channel, kind, event_id, task_id, subject, body, status, attempts, "
                + "created_at, not_before, sent_at, error from notification where person_id = :p order by created_at desc, id limit :n")
                .setParameter("p", personId).setParameter("n", Math.max(1, Math.min(limit, 1000))).getResultList();
        return rows.stream().map(r -> new View((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (UUID) r[4], (UUID) r[5],
                (String) r[6], (String) r[7], (String) r[8], ((Number) r[9]).intValue(), Transactions.offset(r[10]),
                Transactions.offset(r[11]), Transactions.offset(r[12]), (String) r[13])).toList();
    }
}
