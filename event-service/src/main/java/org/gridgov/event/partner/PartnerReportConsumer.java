package org.gridgov.event.partner;

import java.util.List;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.PartnerReportV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.common.messaging.RejectedMessage;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.event.lifecycle.ReportIntake;
import org.gridgov.event.lifecycle.Intake;
import org.gridgov.event.evidence.Evidence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reports from registered partner systems (a department's platform, an alarm platform), each on its
 * own topic {@code gridgov.partner.<code>.report.v1}: one event per partner and external id, channel
 * PARTNER, accepted on intake. Only the partner may write its topic (a Kafka ACL), so the sender is the
 * partner the topic names, never the payload: a report naming another partner, and anything on the
 * topic of an unknown or revoked partner, goes to the dead-letter topic with the reason, as does a
 * report that cannot be taken. A partner's topic created later is read within
 * {@code gridgov.messaging.consumer.pattern-refresh}.
 */
@ApplicationScoped
public class PartnerReportConsumer {
    public static final String NAME = "event-service.partner-reports";

    @Inject
    ReportIntake events;

    @Inject
    Intake intake;

    @Inject
    PartnerRegistry registry;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        registry.ensureTopics();
        // a type partners may not send, or a payload that is not a report, will never be taken
        consumers.subscribe(NAME, Topics.PARTNER_REPORT_TOPICS, Handlers.create()
                .on(EventType.PARTNER_REPORT_SUBMITTED, PartnerReportV1.class, (report, envelope) -> take(envelope.topic(), report))
                .rejectingOthers("not a report type of " + Topics.PARTNER_REPORTS));
    }

    void take(String topic, PartnerReportV1 report) {
        String sender = Topics.partnerOfReports(topic);
        if (registry.active(sender) == null) {
            throw new RejectedMessage("unknown or revoked partner " + sender + " (topic " + topic + ")");
        }
        if (report.partner() != null && !report.partner().equals(sender)) {
            throw new RejectedMessage("a report on " + topic + " is from partner " + sender + ", not " + report.partner());
        }
        PartnerReportV1 p = new PartnerReportV1(sender, report.externalId(), report.category(), report.description(), report.latitude(),
                report.longitude(), report.address(), report.reportedAt(), report.evidence());
        String why = invalid(p);
        if (why != null) {
            throw new RejectedMessage(why);
        }
        List<Evidence> evidence = p.evidence() == null ? null
                : p.evidence().stream().map(v -> new Evidence(v.url(), v.contentType(), v.size(), v.sha256())).toList();
        try {
            events.intake(new ReportIntake.NewReport(p.category(), p.description(), p.latitude(), p.longitude(),
                    p.address(), org.gridgov.common.contract.Channel.PARTNER, "partner:" + p.partner(), p.externalId(), intake.hash(p), p.reportedAt(), evidence,
                    null, null, null), e -> {
                        e.partner = p.partner();
                        e.externalId = p.externalId();
                    }, null);
        } catch (ProblemException e) {
            throw new RejectedMessage(e.errors().isEmpty() ? e.getMessage()
                    : String.join("; ", e.errors().stream().map(f -> f.field() + ": " + f.reason()).toList()));
        }
    }

    /** Why a partner report cannot be taken, or null. */
    static String invalid(PartnerReportV1 p) {
        if (blank(p.partner()) || !p.partner().matches("[a-z0-9][a-z0-9-]{0,39}")) {
            return "partner: required, lower-case letters, digits and dashes";
        }
        if (blank(p.externalId()) || p.externalId().length() > 100) {
            return "externalId: required, at most 100 characters";
        }
        if (blank(p.description()) || p.description().length() > 2000) {
            return "description: required, at most 2000 characters";
        }
        if ((p.latitude() == null) != (p.longitude() == null)) {
            return "latitude and longitude: give both or neither";
        }
        if (p.latitude() != null && (Math.abs(p.latitude()) > 90 || Math.abs(p.longitude()) > 180)) {
            return "latitude/longitude: out of range";
        }
        if (p.address() != null && p.address().length() > 300) {
            return "address: at most 300 characters";
        }
        if (p.evidence() != null && p.evidence().size() > 9) {
            return "evidence: at most 9 files";
        }
        if (p.evidence() != null && p.evidence().stream().anyMatch(v -> v == null || blank(v.url()) || blank(v.contentType()) || v.size() == null
                || v.size() <= 0 || v.sha256() == null || !v.sha256().matches("[0-9a-f]{64}"))) {
            return "evidence: every item needs url, contentType, a positive size and a sha256";
        }
        if (p.evidence() != null && p.evidence().stream().anyMatch(v -> v.url().startsWith("/evidence/"))) {
            // a partner uploads nothing here: such a URL names someone else's file, and citing it would grant access to it
            return "evidence: a partner cites its own https URLs, not files of this service (/evidence/...)";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
