package org.gridgov.escalation.notification;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import org.gridgov.common.clock.SuiteClock;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.common.messaging.Envelope;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What the resident who reported an event is told (告知): that it was taken on (受理), not taken on and why, joined
 * to an earlier report, handled and waiting for her follow-up call (办结待回访), and closed. Only reports she made
 * herself (the app, the web form) are told this way; a hotline caller is called back by the hotline, and a partner
 * system has its own topic. A resident registered at {@code /admin/notification-people} is told on her channels;
 * any other gets it on her feed ({@code GET /notifications}).
 * <p>
 * Facts older than {@code gridgov.notification.resident-max-age} are not told: a consumer reading the lifecycle from
 * its start (a new installation of this piece on an old topic) must not send residents old news.
 */
@ApplicationScoped
public class ResidentNotices {
    static final Set<String> OWN_CHANNELS = Set.of("APP", "WEB");

    record Notice(String kind, String subject, String body) {
    }

    @Inject
    Notifications notifications;

    @Inject
    NotificationConfig config;

    /** the lifecycle facts a resident hears of */
    static final Map<EventType, String> KINDS = Map.of(
            EventType.EVENT_ACCEPTED, "REPORT_ACCEPTED",
            EventType.EVENT_REJECTED, "REPORT_REJECTED",
            EventType.EVENT_MERGED, "REPORT_MERGED",
            EventType.EVENT_VERIFIED, "REPORT_HANDLED",
            EventType.EVENT_CLOSED, "REPORT_CLOSED");

    @Transactional(Transactional.TxType.MANDATORY)
    public int tell(EventLifecycleV1 e, Envelope envelope) {
        // Set.of(...).contains(null) throws: a fact without a channel is simply not a resident's own report
        if (e.reporterId() == null || e.channel() == null || !OWN_CHANNELS.contains(e.channel()) || tooOld(envelope.time())) {
            return 0;
        }
        Notice n = notice(envelope.type(), e);
        return n == null ? 0 : notifications.toPerson(e.reporterId(), n.kind(), n.kind() + ":" + envelope.id(), e.eventId(), null,
                n.subject(), n.body());
    }

    private boolean tooOld(OffsetDateTime time) {
        Duration maxAge = config.residentMaxAge();
        return time != null && time.toInstant().isBefore(SuiteClock.clock().instant().minus(maxAge));
    }

    /** the words; null for a fact not told */
    static Notice notice(EventType type, EventLifecycleV1 e) {
        String kind = KINDS.get(type);
        if (kind == null) {
            return null;
        }
        String what = "您反映的问题（" + e.category() + "，编号 " + e.eventId() + "）";
        return switch (type) {
            case EVENT_ACCEPTED -> new Notice(kind, "【已受理】" + e.category(), what + "已受理，将交有关单位限时办理。");
            case EVENT_REJECTED -> new Notice(kind, "【未受理】" + e.category(),
                    what + "未予受理" + (e.note() == null || e.note().isBlank() ? "。" : "：" + e.note()));
            case EVENT_MERGED -> new Notice(kind, "【已合并】" + e.category(),
                    what + "与已受理的问题 " + e.mergedInto() + " 为同一件事，已一并办理。");
            case EVENT_VERIFIED -> new Notice(kind, "【已办理】" + e.category(), what + "已办理并经现场核实，稍后将回访听取您的意见。");
            case EVENT_CLOSED -> new Notice(kind, "【已办结】" + e.category(), what + "已办结。感谢您的反映。");
            default -> null;
        };
    }
}
