package org.gridgov.event.lifecycle;

import java.util.Map;
import java.util.UUID;

import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.common.security.Jurisdiction;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Who sees and acts on which event. A resident: her own reports (and the report hers was merged
 * into). A department handler: the events its department handles. Everyone else: the events whose
 * place (the grid, else the community, else the street) lies in her jurisdiction; events not yet
 * placed anywhere are seen by county-wide offices (a {@code district} claim: the 12345 and command
 * centre operators). Admins see everything. An event outside is answered 404, as if it did not exist.
 * <p>
 * Reading is not acting: an action (立案, resolving, verifying, a follow-up operator's rating) needs the event
 * within the caller's remit ({@link #inRemit}: her places, her department, county-wide for events not placed);
 * having reported it is not enough (403). The reporter of a duplicate merged into an event reads only its public
 * view ({@link #readsInFull} is false for her).
 */
@RequestScoped
public class EventAccess {
    /** the JPQL expression of an event's place code */
    static final String PLACE = "coalesce(gridCode, communityCode, streetCode)";

    @Inject
    CurrentJurisdiction current;

    @Inject
    EventReads events;

    @Inject
    org.gridgov.event.cooperation.CooperationParts parts;

    public Jurisdiction jurisdiction() {
        return current.get();
    }

    /** a resident and nothing else: reaches only her own reports */
    public boolean onlyResident() {
        Jurisdiction j = current.get();
        return j.hasRole("resident") && j.roles().size() == 1;
    }

    public static String place(EventRecord e) {
        return e.gridCode != null ? e.gridCode : e.communityCode != null ? e.communityCode : e.streetCode;
    }

    public boolean canRead(EventRecord e) {
        Jurisdiction j = current.get();
        if (readsInFull(e)) {
            return true;
        }
        return onlyResident() && events.reportedDuplicate(e.id, j.subject());
    }

    /**
     * The whole event (description, address, point, reporter, notes, evidence): admins, its reporter and the
     * staff whose remit it lies in; not the reporter of a duplicate merged into it.
     */
    public boolean readsInFull(EventRecord e) {
        Jurisdiction j = current.get();
        return j.unrestricted() || j.isSelf(e.reporterId) || inRemit(e) || parts.cooperates(j, e.id);
    }

    /** The event lies within the caller's remit as staff (see {@link #inRemit(Jurisdiction, EventRecord)}); never a resident's. */
    public boolean inRemit(EventRecord e) {
        return !onlyResident() && inRemit(current.get(), e);
    }

    /**
     * Whether the event lies within what {@code j} is responsible for: admin; the department handling it; its
     * place (grid, else community, else street) in her scope; an event not placed anywhere for county-wide
     * offices. Having reported it does not count.
     */
    public static boolean inRemit(Jurisdiction j, EventRecord e) {
        if (j.unrestricted()) {
            return true;
        }
        if (e.handlerUnit != null && e.handlerUnit.startsWith("DEPT:") && j.inDepartment(e.handlerUnit)) {
            return true;
        }
        String place = place(e);
        return place == null ? j.countyWide() : j.covers(place);
    }

    /**
     * The event, locked for this transaction, for an action on it: 404 when the caller may not read it, 403
     * when she reads it (her own report, a duplicate's) but it lies outside her remit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord lockedActionable(UUID id) {
        EventRecord e = lockedReadable(id);
        if (!inRemit(e)) {
            if (parts.cooperates(current.get(), e.id)) {
                throw ProblemException.forbidden("your department cooperates on event " + id + " (联动); only the lead unit " + e.handlerUnit
                        + " acts on it: report your part to escalation-service's /tasks/{id}/parts");
            }
            String place = place(e);
            throw ProblemException.forbidden("event " + id + (place == null ? " is not placed yet" : " lies in " + place)
                    + ", outside your jurisdiction; having reported it does not make it yours to act on");
        }
        return e;
    }

    /**
     * The event, locked for this transaction, if the caller may read it; 404 otherwise. An action
     * checks and changes the same row in one read: the service's own locked load then finds it in
     * the session.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventRecord lockedReadable(UUID id) {
        return visible(id, EventRecord.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** the event, if the caller may see it; 404 otherwise */
    public EventRecord readable(UUID id) {
        return visible(id, EventRecord.findById(id));
    }

    private EventRecord visible(UUID id, EventRecord e) {
        if (e == null || !canRead(e)) {
            throw ProblemException.notFound("event " + id);
        }
        return e;
    }

    /**
     * A condition for JPQL on {@code EventRecord} limiting a list to what the caller sees, with its
     * parameters added to {@code params}.
     */
    public String listFilter(Map<String, Object> params) {
        Jurisdiction j = current.get();
        if (j.unrestricted()) {
            return "1 = 1";
        }
        params.put("jurMe", j.subject() == null ? "" : j.subject());
        if (onlyResident()) {
            return "(reporterId = :jurMe)";
        }
        Jurisdiction.Filter f = j.filter(PLACE);
        f.addTo(params);
        StringBuilder q = new StringBuilder("(").append(f.clause()).append(" or reporterId = :jurMe");
        int d = 0;
        for (String unit : j.departmentUnits()) {
            q.append(" or handlerUnit = :jurDept").append(d);
            params.put("jurDept" + d++, unit);
        }
        if (j.countyWide()) {
            q.append(" or (gridCode is null and communityCode is null and streetCode is null)");
        }
        return q.append(")").toString();
    }

    /** The same for native SQL on the event table (columns in snake case). */
    public String sqlFilter(Map<String, Object> params) {
        return listFilter(params).replace(PLACE, "coalesce(grid_code, community_code, street_code)")
                .replace("reporterId", "reporter_id").replace("handlerUnit", "handler_unit").replace("gridCode", "grid_code")
                .replace("communityCode", "community_code").replace("streetCode", "street_code");
    }
}
