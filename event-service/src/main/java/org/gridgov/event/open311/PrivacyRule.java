package org.gridgov.event.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import org.gridgov.event.category.Category;
import org.gridgov.event.lifecycle.EventAccess;
import org.gridgov.event.lifecycle.EventRecord;
import org.gridgov.event.lifecycle.EventStatus;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What an Open311 reader sees of a request. The reporter and staff in whose remit it lies (as
 * {@code GET /events/{id}} shows them the event) get description, address and the exact point;
 * everyone else, an operator of another county included, gets the public view: no reporter, no
 * description, no address, the point rounded to 3 decimals (about 100 m), and no point at all for
 * what happens at someone's home (household visits, 12345 calls, hardship and dispute matters).
 * The resident's contact an application sent is never part of a request's view.
 */
@ApplicationScoped
public class PrivacyRule {
    @Inject
    SecurityIdentity caller;

    @Inject
    EventAccess access;

    /** Whether the caller reads the request in full. */
    boolean personal(EventRecord e) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.getPrincipal().getName().equals(e.reporterId) || access.inRemit(e);
    }

    /** The request as this caller may see it. */
    Open311Views.ServiceRequest view(EventRecord e, Map<String, Category> categories) {
        boolean personal = personal(e);
        Category c = categories.get(e.category);
        String notes = e.status == EventStatus.REJECTED ? e.rejectReason
                : e.status == EventStatus.MERGED && e.mergedInto != null ? "duplicate of " + e.mergedInto : null;
        return new Open311Views.ServiceRequest(e.id.toString(), RequestQuery.CLOSED.contains(e.status) ? "closed" : "open", notes,
                c == null ? null : c.nameZh, e.category, personal ? e.description : null, e.handlerUnit, Open311.notice(e), e.reportedAt,
                e.updatedAt, e.deadline, personal ? e.address : null,
                personal ? e.latitude : privatePlace(e) ? null : round(e.latitude),
                personal ? e.longitude : privatePlace(e) ? null : round(e.longitude));
    }

    static boolean privatePlace(EventRecord e) {
        return e.channel == org.gridgov.common.contract.Channel.VISIT || e.channel == org.gridgov.common.contract.Channel.HOTLINE_12345 || e.category.startsWith("livelihood.")
                || e.category.equals("public-order.dispute");
    }

    static Double round(Double v) {
        return v == null ? null : BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
