package org.gridgov.grid.people;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.grid.GridNode;
import org.gridgov.grid.grid.GridRegistry;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/people")
@Tag(name = "People", description = "Grid leaders, workers, party members, building leaders, volunteers")
public class PersonResource {

    @Inject
    PersonalData pii;

    @Inject
    EntityManager em;

    @Inject
    GridRegistry registry;

    @Inject
    SecurityIdentity caller;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    /**
     * A person is inside the caller's jurisdiction when she serves a grid in it (or is the caller herself);
     * admins see everyone. Else 404.
     */
    Person visible(String id) {
        Person p = find(id);
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        if (!j.unrestricted() && !j.isSelf(id) && !j.coversAny(grids(id))) {
            throw ProblemException.notFound("person " + id);
        }
        return p;
    }

    /** every grid named must be inside the caller's jurisdiction (403); a non-admin must name at least one */
    private void checkGrids(List<String> gridCodes) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        if (j.unrestricted()) {
            return;
        }
        if (gridCodes.isEmpty()) {
            throw ProblemException.forbidden("only an admin registers a person without a grid");
        }
        gridCodes.forEach(code -> j.checkWrite(code, "grid " + code));
    }

    public record PersonRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-'") String id,
            @NotBlank @Size(max = 50) String name,
            @NotNull Person.Role role,
            @Pattern(regexp = "1[3-9]\\d{9}", message = "must be an 11-digit mainland mobile number") String phone,
            @Size(max = 20) String cadreClass,
            List<@NotBlank String> gridCodes) {
    }

    /** Phone masked unless the caller may see it in clear. */
    public record PersonView(String id, String name, Person.Role role, String phone, String cadreClass, String status,
            List<String> gridCodes) {
    }

    @POST
    @RolesAllowed({ "admin", "grid_leader" })
    @Transactional
    @Operation(summary = "Register a person and the grids they serve")
    public Response create(@Valid @NotNull PersonRequest req) {
        checkGrids(req.gridCodes() == null ? List.of() : req.gridCodes());
        if (Person.findById(req.id()) != null) {
            throw ProblemException.invalid("id", "person " + req.id() + " already exists");
        }
        Person p = new Person();
        p.id = req.id();
        p.name = req.name().strip();
        p.role = req.role();
        p.phoneEncrypted = pii.encrypt(req.phone());
        p.phoneMasked = PersonalData.maskPhone(req.phone());
        p.cadreClass = req.cadreClass();
        p.createdAt = OffsetDateTime.now();
        p.updatedAt = p.createdAt;
        p.persist();
        assign(p, req.gridCodes() == null ? List.of() : req.gridCodes());
        return Response.created(URI.create("/people/" + p.id)).entity(view(p, false)).build();
    }

    @PUT
    @Path("/{id}/grids")
    @RolesAllowed({ "admin", "grid_leader" })
    @Transactional
    @Operation(summary = "Replace the grids a person serves, within the caller's jurisdiction",
            description = "Every grid named must be inside the caller's jurisdiction (403). The person's grids outside it "
                    + "are kept untouched; admins replace the whole list.")
    public PersonView assignGrids(@PathParam("id") String id, @NotNull List<@NotBlank String> gridCodes) {
        Person p = visible(id);
        checkGrids(gridCodes);
        GridAssignment change = GridAssignment.of(jurisdiction.get(), grids(id), gridCodes);
        em.createNativeQuery("delete from person_grid where person_id = :p").setParameter("p", id).executeUpdate();
        assign(p, gridCodes);
        for (String code : change.kept()) {
            em.createNativeQuery("insert into person_grid (person_id, grid_code) values (:p, :g)")
                    .setParameter("p", p.id).setParameter("g", code).executeUpdate();
        }
        if (p.role == Person.Role.GRID_WORKER) {
            change.touched().forEach(code -> registry.reannounce(code, "WORKERS", caller.getPrincipal().getName()));
        }
        return view(p, false);
    }

    private void assign(Person p, List<String> gridCodes) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < gridCodes.size(); i++) {
            GridNode g = GridNode.findById(gridCodes.get(i));
            if (g == null || !GridNode.ACTIVE.equals(g.status)) {
                errors.add(new Problem.FieldError("gridCodes[" + i + "]", "no active grid " + gridCodes.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        for (String code : new java.util.TreeSet<>(gridCodes)) {
            em.createNativeQuery("insert into person_grid (person_id, grid_code) values (:p, :g)")
                    .setParameter("p", p.id).setParameter("g", code).executeUpdate();
        }
    }

    @GET
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff", "street_staff" })
    @Operation(summary = "People serving a grid, phones masked", description = "Only people serving a grid inside the caller's jurisdiction")
    public List<PersonView> list(@QueryParam("grid") String grid, @QueryParam("role") Person.Role role) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        org.gridgov.common.security.Jurisdiction.Filter scope = j.filter("x.grid_code");
        jakarta.persistence.Query q = em.createNativeQuery("select distinct p.id from person p left join person_grid pg on pg.person_id = p.id "
                + "where (cast(:g as text) is null or pg.grid_code = cast(:g as text)) "
                + "and (cast(:r as text) is null or p.role = cast(:r as text)) "
                + (j.unrestricted() ? "" : "and exists (select 1 from person_grid x where x.person_id = p.id and " + scope.clause() + ") ")
                + "order by p.id")
                .setParameter("g", grid).setParameter("r", role == null ? null : role.name());
        if (!j.unrestricted()) {
            scope.addTo(q);
        }
        @SuppressWarnings("unchecked")
        List<String> ids = q.getResultList();
        return ids.stream().map(id -> view(Person.findById(id), false)).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff", "street_staff" })
    @Operation(summary = "One person; the phone in clear for admins and grid leaders, masked for others")
    public PersonView get(@PathParam("id") String id) {
        Person p = visible(id);
        boolean clear = (caller.hasRole("admin") || caller.hasRole("grid_leader")) && p.phoneEncrypted != null;
        audit.read("person:" + p.id, clear ? List.of("phone") : List.of(), "GET /people/" + p.id);
        return view(p, clear);
    }

    @Inject
    org.gridgov.grid.audit.PiiAudit audit;

    private Person find(String id) {
        Person p = Person.findById(id);
        if (p == null) {
            throw ProblemException.notFound("person " + id);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    List<String> grids(String personId) {
        return em.createNativeQuery("select grid_code from person_grid where person_id = :p order by grid_code")
                .setParameter("p", personId).getResultList();
    }

    PersonView view(Person p, boolean clear) {
        return new PersonView(p.id, p.name, p.role, clear ? pii.decrypt(p.phoneEncrypted) : p.phoneMasked, p.cadreClass,
                p.status, grids(p.id));
    }
}
