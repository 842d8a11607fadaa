package org.gridgov.grid.household;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.audit.PiiAudit;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The members of a household besides its head. {@code memberCount} (the head included) never falls below the head
 * plus the registered members: adding a member beyond it raises it, removing one (the person left) lowers it by one.
 * Every change is audited by field name (PIPL); phone and ID number are shown masked.
 */
@ApplicationScoped
public class HouseholdMembers {

    @Inject
    HouseholdEdits edits;

    @Inject
    PersonalData pii;

    @Inject
    PiiAudit audit;

    public record MemberRequest(
            @NotBlank @Size(max = 50) String name,
            @NotNull HouseholdMember.Relation relation,
            LocalDate birthDate,
            @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String phone,
            String idNumber) {
    }

    /** phone and ID number masked */
    public record MemberView(UUID id, UUID householdId, String name, HouseholdMember.Relation relation, LocalDate birthDate,
            String phone, String idNumber, OffsetDateTime updatedAt) {
        static MemberView of(HouseholdMember m) {
            return new MemberView(m.id, m.householdId, m.name, m.relation, m.birthDate, m.phoneMasked, m.idMasked, m.updatedAt);
        }
    }

    public List<MemberView> list(UUID householdId) {
        return HouseholdMember.<HouseholdMember>list("householdId", Sort.by("createdAt").and("id"), householdId).stream()
                .map(MemberView::of).toList();
    }

    @Transactional
    public MemberView add(UUID householdId, MemberRequest req) {
        Household h = edits.active(householdId);
        check(req);
        HouseholdMember m = new HouseholdMember();
        m.id = UUID.randomUUID();
        m.householdId = h.id;
        m.createdAt = OffsetDateTime.now();
        List<String> fields = apply(m, req);
        m.persist();
        long registered = HouseholdMember.count("householdId", h.id);
        if (h.memberCount < 1 + registered) {
            h.memberCount = (int) Math.min(99, 1 + registered);
        }
        h.updatedAt = m.updatedAt;
        audit.changed("household:" + h.id, prefixed(fields), "POST /households/" + h.id + "/members");
        return MemberView.of(m);
    }

    @Transactional
    public MemberView replace(UUID householdId, UUID memberId, MemberRequest req) {
        Household h = edits.active(householdId);
        HouseholdMember m = member(h, memberId);
        check(req);
        List<String> fields = apply(m, req);
        h.updatedAt = m.updatedAt;
        audit.changed("household:" + h.id, prefixed(fields), "PUT /households/" + h.id + "/members/" + m.id);
        return MemberView.of(m);
    }

    /** the member left the household */
    @Transactional
    public void remove(UUID householdId, UUID memberId) {
        Household h = edits.active(householdId);
        HouseholdMember m = member(h, memberId);
        m.delete();
        h.memberCount = Math.max(1 + (int) HouseholdMember.count("householdId = ?1 and id <> ?2", h.id, m.id), h.memberCount - 1);
        h.updatedAt = OffsetDateTime.now();
        audit.changed("household:" + h.id, List.of("members[" + m.id + "]"), "DELETE /households/" + h.id + "/members/" + m.id);
    }

    private HouseholdMember member(Household h, UUID memberId) {
        HouseholdMember m = HouseholdMember.findById(memberId);
        if (m == null || !m.householdId.equals(h.id)) {
            throw ProblemException.notFound("member " + memberId + " of household " + h.id);
        }
        return m;
    }

    private static void check(MemberRequest req) {
        if (req.idNumber() != null && !PersonalData.validIdNumber(req.idNumber().strip().toUpperCase())) {
            throw ProblemException.invalid("idNumber", "not a valid 18-character resident ID number");
        }
        if (req.birthDate() != null && req.birthDate().isAfter(LocalDate.now().plusDays(1))) {
            throw ProblemException.invalid("birthDate", "cannot be in the future");
        }
    }

    /** sets the member's fields; returns the personal ones set (for the audit) */
    private List<String> apply(HouseholdMember m, MemberRequest req) {
        List<String> fields = new ArrayList<>(List.of("name", "relation"));
        m.name = req.name().strip();
        m.relation = req.relation();
        m.birthDate = req.birthDate();
        if (req.birthDate() != null) {
            fields.add("birthDate");
        }
        m.phoneEncrypted = pii.encrypt(req.phone());
        m.phoneMasked = PersonalData.maskPhone(req.phone());
        if (req.phone() != null) {
            fields.add("phone");
        }
        String idNumber = req.idNumber() == null ? null : req.idNumber().strip().toUpperCase();
        m.idEncrypted = pii.encrypt(idNumber);
        m.idMasked = PersonalData.maskIdNumber(idNumber);
        if (idNumber != null) {
            fields.add("idNumber");
        }
        m.updatedAt = OffsetDateTime.now();
        return fields;
    }

    private static List<String> prefixed(List<String> fields) {
        return fields.stream().map(f -> "members." + f).toList();
    }
}
