package org.gridgov.common.contract.payload;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A report submitted by a registered partner system on its own topic {@code gridgov.partner.<code>.report.v1}
 * ({@link org.gridgov.common.contract.Topics#partnerReports(String)}). Key: {@code externalId}. The sender is
 * the partner the topic names, never this payload: a report naming another partner is dead-lettered.
 * event-service turns it into one event (channel {@code PARTNER}); the same partner and external id
 * resent create no second event. A report that cannot be taken (unknown category, no place, bad
 * coordinates) goes to the dead-letter topic {@code gridgov.dlt.event-service.partner-reports}
 * with the reason.
 *
 * @param partner     optional: the submitting system's code, e.g. {@code police-110}; when given it must be the
 *                    partner of the topic
 * @param externalId  the partner's own id of the report (its ticket number)
 * @param category    a category key of event-service, e.g. {@code public-order.noise}
 * @param latitude    WGS 84; with longitude, or give an address
 * @param address     street address, if known
 * @param reportedAt  when the partner received it (null: now)
 * @param evidence    photos or files the partner keeps, with their metadata
 */
public record PartnerReportV1(
        String partner,
        String externalId,
        String category,
        String description,
        Double latitude,
        Double longitude,
        String address,
        OffsetDateTime reportedAt,
        List<EvidenceV1> evidence) implements TypedPayload {
    @Override
    public org.gridgov.common.contract.EventType eventType() {
        return org.gridgov.common.contract.EventType.PARTNER_REPORT_SUBMITTED;
    }

    @Override
    public String key() {
        return externalId;
    }
}
