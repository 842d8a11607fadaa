package org.gridgov.grid.household;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gridgov.common.clock.SuiteClock;
import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.grid.audit.PiiAudit;
import org.gridgov.grid.registry.GridNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeping a household file up to date: its address, head, tags, focus tags and thematic memberships, and its
 * moving out. The caller has already been shown the household (inside her jurisdiction); a thematic grid she adds
 * or removes must be inside it too (403). Changes of personal data are audited by field name.
 */
@ApplicationScoped
public class HouseholdEdits {

    @Inject
    HouseholdService households;

    @Inject
    PersonalData pii;

    @Inject
    PiiAudit audit;

    @Inject
    EntityManager em;

    /** @throws ProblemException 400 naming each bad field, 403 for a thematic grid outside, 409 for a moved-out household */
    @Transactional
    public Household edit(UUID id, HouseholdEdit e, Jurisdiction caller) {
        Household h = active(id);
        List<Problem.FieldError> errors = new ArrayList<>();
        String idNumber = e.headIdNumber() == null ? null : e.headIdNumber().strip().toUpperCase();
        check(h, e, idNumber, errors);
        List<String> themes = e.thematicGrids() == null ? null : thematicGrids(e.thematicGrids(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<String> changedPii = applyPersonalData(h, e, idNumber);
        if (e.buildingCode() != null) {
            h.buildingCode = e.buildingCode();
        }
        if (e.memberCount() != null) {
            h.memberCount = e.memberCount();
        }
        if (e.tags() != null) {
            h.tags = e.tags().isEmpty() ? new ArrayList<>(List.of(Household.Tag.ORDINARY.name()))
                    : new ArrayList<>(new TreeSet<>(e.tags().stream().map(Enum::name).toList()));
        }
        if (e.focusTags() != null) {
            h.focusTags = new ArrayList<>(new TreeSet<>(e.focusTags().stream().map(Enum::name).toList()));
        }
        if (themes != null) {
            replaceThemes(h, themes, caller);
        }
        h.updatedAt = OffsetDateTime.now();
        audit.changed("household:" + h.id, changedPii, "PATCH /households/" + h.id);
        return h;
    }

    /** An error for each bad field of the edit (thematic grids apart). */
    private static void check(Household h, HouseholdEdit e, String idNumber, List<Problem.FieldError> errors) {
        if (e.address() != null && e.address().isBlank()) {
            errors.add(new Problem.FieldError("address", "must not be blank"));
        }
        if (e.headName() != null && e.headName().isBlank()) {
            errors.add(new Problem.FieldError("headName", "must not be blank"));
        }
        if (e.buildingCode() != null) {
            Building b = Building.findById(e.buildingCode());
            if (b == null) {
                errors.add(new Problem.FieldError("buildingCode", "unknown building " + e.buildingCode()));
            } else if (!b.gridCode.equals(h.gridCode)) {
                errors.add(new Problem.FieldError("buildingCode", "building " + b.code + " is in grid " + b.gridCode + ", not in the household's grid"));
            }
        }
        if (idNumber != null && !PersonalData.validIdNumber(idNumber)) {
            errors.add(new Problem.FieldError("headIdNumber", "not a valid 18-character resident ID number"));
        }
        long registered = HouseholdMember.count("householdId", h.id);
        if (e.memberCount() != null && e.memberCount() < 1 + registered) {
            errors.add(new Problem.FieldError("memberCount", "the head and " + registered + " registered members live here: at least " + (1 + registered)));
        }
    }

    /** Applies the personal data of the edit (encrypted and masked); returns the names of the fields that changed, for the audit. */
    private List<String> applyPersonalData(Household h, HouseholdEdit e, String idNumber) {
        List<String> changedPii = new ArrayList<>();
        if (e.address() != null && !e.address().strip().equals(h.address)) {
            h.address = e.address().strip();
            changedPii.add("address");
        }
        if (e.headName() != null && !e.headName().strip().equals(h.headName)) {
            h.headName = e.headName().strip();
            changedPii.add("headName");
        }
        if (e.headPhone() != null) {
            h.headPhoneEncrypted = pii.encrypt(e.headPhone());
            h.headPhoneMasked = PersonalData.maskPhone(e.headPhone());
            changedPii.add("headPhone");
        }
        if (idNumber != null) {
            h.headIdEncrypted = pii.encrypt(idNumber);
            h.headIdMasked = PersonalData.maskIdNumber(idNumber);
            changedPii.add("headIdNumber");
        }
        return changedPii;
    }

    public record MoveOut(OffsetDateTime movedOutAt, String note) {
    }

    /**
     * The household moved out (迁出): it leaves the grid's lists, coverage and thematic grids, keeps its file, members
     * and visits, and can no longer be visited or edited.
     */
    @Transactional
    public Household moveOut(UUID id, MoveOut body) {
        Household h = active(id);
        OffsetDateTime now = SuiteClock.now();
        if (body.movedOutAt() != null && body.movedOutAt().isAfter(now.plusMinutes(5))) {
            throw ProblemException.invalid("movedOutAt", "cannot be in the future");
        }
        if (body.note() != null && body.note().length() > 500) {
            throw ProblemException.invalid("note", "at most 500 characters");
        }
        h.status = Household.MOVED_OUT;
        h.movedOutAt = body.movedOutAt() == null ? now : body.movedOutAt();
        h.movedOutNote = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        h.updatedAt = OffsetDateTime.now();
        em.createNativeQuery("delete from household_grid where household_id = :h").setParameter("h", h.id).executeUpdate();
        return h;
    }

    /** the household, when it has not moved out; else 409 */
    Household active(UUID id) {
        Household h = households.find(id);
        if (!Household.ACTIVE.equals(h.status)) {
            throw ProblemException.conflict("household " + id + " is " + h.status + "; its file can be read, not changed");
        }
        return h;
    }

    private List<String> thematicGrids(List<String> codes, List<Problem.FieldError> errors) {
        for (int i = 0; i < codes.size(); i++) {
            GridNode t = GridNode.findById(codes.get(i));
            if (t == null || t.kind != GridNode.Kind.THEMATIC || !GridNode.ACTIVE.equals(t.status)) {
                errors.add(new Problem.FieldError("thematicGrids[" + i + "]", "no active thematic grid " + codes.get(i)));
            }
        }
        return new ArrayList<>(new TreeSet<>(codes));
    }

    /** the memberships the caller adds or removes must be inside her jurisdiction; the others stay as they are */
    private void replaceThemes(Household h, List<String> wanted, Jurisdiction caller) {
        Set<String> before = new TreeSet<>(households.thematicGrids(h.id));
        Set<String> added = new TreeSet<>(wanted);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(wanted);
        added.forEach(code -> caller.checkWrite(code, "thematic grid " + code));
        removed.forEach(code -> caller.checkWrite(code, "thematic grid " + code));
        for (String code : removed) {
            em.createNativeQuery("delete from household_grid where household_id = :h and grid_code = :g").setParameter("h", h.id)
                    .setParameter("g", code).executeUpdate();
        }
        for (String code : added) {
            em.createNativeQuery("insert into household_grid (household_id, grid_code) values (:h, :g)").setParameter("h", h.id)
                    .setParameter("g", code).executeUpdate();
        }
    }
}
