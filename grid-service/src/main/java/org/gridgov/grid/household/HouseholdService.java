package org.gridgov.grid.household;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.registry.GridNode;
import org.gridgov.grid.people.Person;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Household files: validation, encryption of personal data, thematic memberships, contact cadres. */
@ApplicationScoped
public class HouseholdService {

    @Inject
    PersonalData pii;

    @Inject
    EntityManager em;

    /**
     * Checks a request against the registry; returns the problems found (empty when valid), each
     * with the field (and the row, when {@code row} is not null).
     */
    public List<Problem.FieldError> check(HouseholdRequest r, Integer row) {
        List<Problem.FieldError> errors = new ArrayList<>();
        GridNode grid = r.gridCode() == null ? null : GridNode.findById(r.gridCode());
        if (r.gridCode() != null && (grid == null || grid.level != GridNode.Level.GRID || grid.kind != GridNode.Kind.GEOGRAPHIC
                || !GridNode.ACTIVE.equals(grid.status))) {
            errors.add(new Problem.FieldError("gridCode", "no active geographic level-2 grid " + r.gridCode(), row));
        }
        if (r.buildingCode() != null) {
            Building b = Building.findById(r.buildingCode());
            if (b == null) {
                errors.add(new Problem.FieldError("buildingCode", "unknown building " + r.buildingCode(), row));
            } else if (!b.gridCode.equals(r.gridCode())) {
                errors.add(new Problem.FieldError("buildingCode", "building " + b.code + " is in grid " + b.gridCode, row));
            }
        }
        if (r.headIdNumber() != null && !PersonalData.validIdNumber(r.headIdNumber())) {
            errors.add(new Problem.FieldError("headIdNumber", "not a valid 18-character resident ID number", row));
        }
        if (r.contactPersonId() != null) {
            Person contact = Person.findById(r.contactPersonId());
            if (contact == null) {
                errors.add(new Problem.FieldError("contactPersonId", "unknown person " + r.contactPersonId(), row));
            } else if (!Person.ACTIVE.equals(contact.status)) {
                errors.add(new Problem.FieldError("contactPersonId", "person " + r.contactPersonId() + " is deactivated", row));
            }
        }
        if (r.code() != null && Household.count("code", r.code()) > 0) {
            errors.add(new Problem.FieldError("code", "household code " + r.code() + " already exists", row));
        }
        if (r.thematicGrids() != null) {
            for (int i = 0; i < r.thematicGrids().size(); i++) {
                GridNode t = GridNode.findById(r.thematicGrids().get(i));
                if (t == null || t.kind != GridNode.Kind.THEMATIC || !GridNode.ACTIVE.equals(t.status)) {
                    errors.add(new Problem.FieldError("thematicGrids[" + i + "]", "no active thematic grid " + r.thematicGrids().get(i), row));
                }
            }
        }
        return errors;
    }

    @Transactional
    public Household create(HouseholdRequest r) {
        List<Problem.FieldError> errors = check(r, null);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return persist(r);
    }

    /** Stores a checked request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Household persist(HouseholdRequest r) {
        Household h = new Household();
        h.id = UUID.randomUUID();
        h.code = r.code() != null ? r.code()
                : r.gridCode() + "-" + ((Number) em.createNativeQuery("select nextval('household_number')").getSingleResult()).longValue();
        h.gridCode = r.gridCode();
        h.buildingCode = r.buildingCode();
        h.address = r.address().strip();
        h.headName = r.headName().strip();
        h.headPhoneEncrypted = pii.encrypt(r.headPhone());
        h.headPhoneMasked = PersonalData.maskPhone(r.headPhone());
        h.headIdEncrypted = pii.encrypt(r.headIdNumber() == null ? null : r.headIdNumber().toUpperCase());
        h.headIdMasked = PersonalData.maskIdNumber(r.headIdNumber() == null ? null : r.headIdNumber().toUpperCase());
        h.memberCount = r.memberCount();
        h.tags = r.tags() == null || r.tags().isEmpty() ? new ArrayList<>(List.of(Household.Tag.ORDINARY.name()))
                : new ArrayList<>(new TreeSet<>(r.tags().stream().map(Enum::name).toList()));
        h.focusTags = r.focusTags() == null ? new ArrayList<>()
                : new ArrayList<>(new TreeSet<>(r.focusTags().stream().map(Enum::name).toList()));
        h.contactPersonId = r.contactPersonId();
        h.createdAt = OffsetDateTime.now();
        h.updatedAt = h.createdAt;
        h.persist();
        if (r.thematicGrids() != null) {
            for (String t : new TreeSet<>(r.thematicGrids())) {
                em.createNativeQuery("insert into household_grid (household_id, grid_code) values (:h, :g)")
                        .setParameter("h", h.id).setParameter("g", t).executeUpdate();
            }
        }
        return h;
    }

    @Transactional
    public Household assignContact(UUID id, String personId) {
        Household h = find(id);
        Person contact = personId == null ? null : Person.findById(personId);
        if (personId != null && contact == null) {
            throw ProblemException.invalid("personId", "unknown person " + personId);
        }
        if (contact != null && !Person.ACTIVE.equals(contact.status)) {
            throw ProblemException.invalid("personId", "person " + personId + " is deactivated: she gets no new households");
        }
        if (!Household.ACTIVE.equals(h.status)) {
            throw ProblemException.conflict("household " + id + " is " + h.status);
        }
        h.contactPersonId = personId;
        h.updatedAt = OffsetDateTime.now();
        return h;
    }

    /** the household, or 404 when it does not exist or lies outside {@code j} */
    public Household visible(UUID id, org.gridgov.common.security.Jurisdiction j) {
        Household h = find(id);
        j.checkRead(h.gridCode, "household " + id);
        return h;
    }

    public Household find(UUID id) {
        Household h = Household.findById(id);
        if (h == null) {
            throw ProblemException.notFound("household " + id);
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    public List<String> thematicGrids(UUID id) {
        return em.createNativeQuery("select grid_code from household_grid where household_id = :h order by grid_code")
                .setParameter("h", id).getResultList();
    }
}
