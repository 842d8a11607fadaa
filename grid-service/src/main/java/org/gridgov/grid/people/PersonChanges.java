package org.gridgov.grid.people;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gridgov.common.clock.SuiteClock;
import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.grid.audit.PiiAudit;
import org.gridgov.grid.registry.GridNode;
import org.gridgov.grid.registry.GridRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changing a person's record, deactivating her and taking her back. A person is changed by an admin or by a grid leader who reaches
 * her (she serves a grid in the leader's jurisdiction, else 404); deactivating needs every grid she serves to be in
 * reach (else 403), since it ends her work everywhere.
 *
 * <h2>What deactivation means</h2>
 * The record, the grids she served ({@code person_grid}) and her visits stay, for history and for points already
 * earned. From then on she gets no new work: she is no longer a contact cadre (her households are released and show
 * up without one), no longer a building's leader nor a grid's leader, she is left out of the grid workers
 * ({@code workerIds}) every grid she served announces again on {@code gridgov.grid.registry.v1}, she can be given no
 * grid, household or building, and grid-service answers every request made with her token 403
 * ({@link DeactivatedCallers}). grid-service does not issue tokens: the identity provider should disable her account too.
 * Reactivating her ({@link #reactivate}) lifts all that but restores nothing that was released.
 */
@ApplicationScoped
public class PersonChanges {
    @Inject
    PersonAccess access;

    @Inject
    PersonGrids grids;

    @Inject
    PersonFacts facts;

    @Inject
    GridRegistry registry;

    @Inject
    PersonalData pii;

    @Inject
    PiiAudit audit;

    @Inject
    EntityManager em;

    /** Fields left out (null) stay as they are. */
    public record PersonEdit(
            @Size(min = 1, max = 50) String name,
            Person.Role role,
            @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String phone,
            @Size(max = 20) String cadreClass) {
    }

    public record Deactivation(@Size(max = 500) String reason) {
    }

    /** what a deactivation released: the households she was contact for, the buildings and grids she led */
    public record Released(int contactHouseholds, List<String> buildings, List<String> grids) {
    }

    @Transactional
    public Person edit(String id, PersonEdit e, String actor) {
        Person p = access.visible(id);
        if (!Person.ACTIVE.equals(p.status)) {
            throw ProblemException.conflict("person " + id + " is deactivated; her record is kept as it was");
        }
        if (e.name() != null && e.name().isBlank()) {
            throw ProblemException.invalid("name", "must not be blank");
        }
        List<String> changed = new ArrayList<>();
        if (e.name() != null && !e.name().strip().equals(p.name)) {
            p.name = e.name().strip();
            changed.add("name");
        }
        if (e.phone() != null) {
            p.phoneEncrypted = pii.encrypt(e.phone());
            p.phoneMasked = PersonalData.maskPhone(e.phone());
            changed.add("phone");
        }
        if (e.role() != null && e.role() != p.role) {
            boolean workerBefore = p.role == Person.Role.GRID_WORKER;
            p.role = e.role();
            if (workerBefore || p.role == Person.Role.GRID_WORKER) {
                em.flush();
                grids.of(p.id).forEach(code -> registry.reannounce(code, "WORKERS", actor)); // workerIds changed
            }
            if (p.role != Person.Role.CADRE && p.role != Person.Role.PARTY_MEMBER) {
                p.cadreClass = null; // only cadres and party members have a scoring class
            }
        }
        if (e.cadreClass() != null) {
            p.cadreClass = PersonFacts.cadreClass(p.role, e.cadreClass());
        }
        p.updatedAt = OffsetDateTime.now();
        audit.changed("person:" + p.id, changed, "PATCH /people/" + p.id);
        facts.announce(p); // scoring-service takes her class and status from it
        return p;
    }

    @Transactional
    public Released deactivate(String id, Deactivation body, String actor) {
        Person p = access.visible(id);
        List<String> served = servedWithinReach(id);
        if (!Person.ACTIVE.equals(p.status)) {
            throw ProblemException.conflict("person " + id + " is already deactivated");
        }
        p.status = Person.INACTIVE;
        p.deactivatedAt = SuiteClock.now();
        p.deactivationReason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        p.updatedAt = OffsetDateTime.now();
        int households = em.createNativeQuery("update household set contact_person_id = null, updated_at = now() "
                + "where contact_person_id = :p").setParameter("p", id).executeUpdate();
        @SuppressWarnings("unchecked")
        List<String> buildings = em.createNativeQuery("select code from building where leader_id = :p order by code")
                .setParameter("p", id).getResultList();
        em.createNativeQuery("update building set leader_id = null where leader_id = :p").setParameter("p", id).executeUpdate();
        List<GridNode> led = GridNode.list("leaderId = ?1 and status = ?2", id, GridNode.ACTIVE);
        Set<String> announce = new TreeSet<>();
        for (GridNode g : led) {
            g.leaderId = null;
            announce.add(g.code);
        }
        if (p.role == Person.Role.GRID_WORKER) {
            announce.addAll(served);
        }
        em.flush();
        announce.forEach(code -> registry.reannounce(code, "PERSON_DEACTIVATED", actor));
        facts.announce(p);
        return new Released(households, new ArrayList<>(new TreeSet<>(buildings)), led.stream().map(g -> g.code).sorted().toList());
    }

    /**
     * Takes a deactivated person back: she can be given work again and her token is no longer refused. What her
     * deactivation released (contact households, buildings and grids she led) stays released; the grids she serves as a
     * grid worker are announced again with her, and she is announced ({@code person-upserted}, status ACTIVE).
     *
     * @throws ProblemException 404 outside the caller's jurisdiction, 403 when she serves a grid outside it, 409 when active
     */
    @Transactional
    public Person reactivate(String id, String actor) {
        Person p = access.visible(id);
        List<String> served = servedWithinReach(id);
        if (Person.ACTIVE.equals(p.status)) {
            throw ProblemException.conflict("person " + id + " is active");
        }
        p.status = Person.ACTIVE;
        p.deactivatedAt = null;
        p.deactivationReason = null;
        p.updatedAt = OffsetDateTime.now();
        if (p.role == Person.Role.GRID_WORKER) {
            em.flush();
            served.forEach(code -> registry.reannounce(code, "PERSON_REACTIVATED", actor));
        }
        facts.announce(p);
        return p;
    }

    /** The grids she serves, every one of which must be in the caller's reach (else 403): (de)activation ends or resumes her work everywhere. */
    private List<String> servedWithinReach(String id) {
        Jurisdiction j = access.jurisdiction();
        List<String> served = grids.of(id);
        if (!j.unrestricted()) {
            served.stream().filter(code -> !j.covers(code)).findFirst().ifPresent(code -> {
                throw ProblemException.forbidden("person " + id + " also serves grid " + code + ", outside your jurisdiction");
            });
        }
        return served;
    }
}
