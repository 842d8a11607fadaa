package org.gridgov.grid.people;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.audit.PiiAudit;
import org.gridgov.grid.registry.GridRegistry;
import org.gridgov.grid.people.PersonResource.PersonRequest;
import org.gridgov.grid.people.PersonResource.PersonView;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The people who serve grids: registering them, the grids they serve, and their phone, encrypted at rest, masked
 * in views and shown in clear only to admins and grid leaders, every such read audited (PIPL).
 */
@ApplicationScoped
public class People {
    @Inject
    PersonalData pii;

    @Inject
    PersonAccess access;

    @Inject
    PersonGrids grids;

    @Inject
    GridRegistry registry;

    @Inject
    PiiAudit audit;

    @Inject
    PersonFacts facts;

    /** @throws ProblemException 400 for an existing id or a grid that is not active, 403 for a grid outside */
    @Transactional
    public PersonView create(PersonRequest req) {
        List<String> gridCodes = req.gridCodes() == null ? List.of() : req.gridCodes();
        access.checkGrids(gridCodes);
        if (Person.findById(req.id()) != null) {
            throw ProblemException.invalid("id", "person " + req.id() + " already exists");
        }
        Person p = new Person();
        p.id = req.id();
        p.name = req.name().strip();
        p.role = req.role();
        p.phoneEncrypted = pii.encrypt(req.phone());
        p.phoneMasked = PersonalData.maskPhone(req.phone());
        p.cadreClass = PersonFacts.cadreClass(req.role(), req.cadreClass());
        p.createdAt = OffsetDateTime.now();
        p.updatedAt = p.createdAt;
        p.persist();
        grids.checkActive(gridCodes);
        grids.add(p.id, gridCodes);
        facts.announce(p);
        return view(p, false);
    }

    /** Replaces the grids inside the caller's jurisdiction; those outside are kept (admins replace all). */
    @Transactional
    public PersonView assignGrids(String id, List<String> gridCodes, String actor) {
        Person p = access.visible(id);
        access.checkGrids(gridCodes);
        if (!Person.ACTIVE.equals(p.status)) {
            throw ProblemException.conflict("person " + id + " is deactivated: she gets no grids");
        }
        GridAssignment change = GridAssignment.of(access.jurisdiction(), grids.of(id), gridCodes);
        grids.clear(id);
        grids.checkActive(gridCodes);
        grids.add(p.id, gridCodes);
        grids.add(p.id, change.kept());
        if (p.role == Person.Role.GRID_WORKER) {
            change.touched().forEach(code -> registry.reannounce(code, "WORKERS", actor));
        }
        p.updatedAt = OffsetDateTime.now();
        facts.announce(p);
        return view(p, false);
    }

    /** people serving a grid inside the caller's jurisdiction, phones masked */
    public List<PersonView> list(String grid, Person.Role role) {
        return grids.serving(grid, role, access.jurisdiction()).stream().map(id -> view(Person.findById(id), false)).toList();
    }

    /** one person; the phone in clear when {@code mayReadPhone}, the read audited */
    @Transactional
    public PersonView get(String id, boolean mayReadPhone) {
        Person p = access.visible(id);
        boolean clear = mayReadPhone && p.phoneEncrypted != null;
        audit.read("person:" + p.id, clear ? List.of("phone") : List.of(), "GET /people/" + p.id);
        return view(p, clear);
    }

    /** the person as shown after a change, phone masked */
    public PersonView view(Person p) {
        return view(p, false);
    }

    private PersonView view(Person p, boolean clear) {
        return new PersonView(p.id, p.name, p.role, clear ? pii.decrypt(p.phoneEncrypted) : p.phoneMasked, p.cadreClass,
                p.status, grids.of(p.id));
    }
}
