package org.gridgov.grid.people;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** People over REST; who may see whom is {@link PersonAccess}, the rest {@link People}. */
@Path("/people")
@Tag(name = "People", description = "Grid leaders, workers, party members, building leaders, volunteers")
public class PersonResource {

    @Inject
    People people;

    @Inject
    SecurityIdentity caller;

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
    @Operation(summary = "Register a person and the grids they serve")
    public Response create(@Valid @NotNull PersonRequest req) {
        PersonView p = people.create(req);
        return Response.created(URI.create("/people/" + p.id())).entity(p).build();
    }

    @PUT
    @Path("/{id}/grids")
    @RolesAllowed({ "admin", "grid_leader" })
    @Operation(summary = "Replace the grids a person serves, within the caller's jurisdiction",
            description = "Every grid named must be inside the caller's jurisdiction (403). The person's grids outside it "
                    + "are kept untouched; admins replace the whole list.")
    public PersonView assignGrids(@PathParam("id") String id, @NotNull List<@NotBlank String> gridCodes) {
        return people.assignGrids(id, gridCodes, caller.getPrincipal().getName());
    }

    @Inject
    PersonChanges changes;

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ "admin", "grid_leader" })
    @Operation(summary = "Change a person's name, role, phone or cadre class", description = "Fields left out stay. Only a person "
            + "serving a grid inside the caller's jurisdiction (else 404); a deactivated person is 409. A change of role to or from "
            + "GRID_WORKER announces her grids again (workerIds). Name and phone changes are audited (PIPL).")
    public PersonView edit(@PathParam("id") String id, @Valid @NotNull PersonChanges.PersonEdit body) {
        return people.view(changes.edit(id, body, caller.getPrincipal().getName()));
    }

    public record DeactivationView(PersonView person, PersonChanges.Released released) {
    }

    @POST
    @Path("/{id}/deactivation")
    @RolesAllowed({ "admin", "grid_leader" })
    @Operation(summary = "Deactivate a person: she keeps her history and gets no new work",
            description = "Her contact households, the buildings and grids she leads are released (listed in the answer); the grids "
                    + "she serves as a grid worker are announced again without her; grid-service refuses her token from then on (403). "
                    + "Every grid she serves must be inside the caller's jurisdiction (403); a person outside it is 404.")
    public DeactivationView deactivate(@PathParam("id") String id, @Valid PersonChanges.Deactivation body) {
        PersonChanges.Released released = changes.deactivate(id, body, caller.getPrincipal().getName());
        return new DeactivationView(people.view(Person.findById(id)), released);
    }

    @POST
    @Path("/{id}/reactivation")
    @RolesAllowed({ "admin", "grid_leader" })
    @Operation(summary = "Reactivate a deactivated person: she can be given work again",
            description = "Her token is accepted again; what her deactivation released (contact households, buildings and grids "
                    + "she led) stays released. The grids she serves as a grid worker are announced again with her. Every grid she "
                    + "serves must be inside the caller's jurisdiction (403); a person outside it is 404; an active person is 409.")
    public PersonView reactivate(@PathParam("id") String id) {
        return people.view(changes.reactivate(id, caller.getPrincipal().getName()));
    }

    @GET
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff", "street_staff" })
    @Operation(summary = "People serving a grid, phones masked", description = "Only people serving a grid inside the caller's jurisdiction")
    public List<PersonView> list(@QueryParam("grid") String grid, @QueryParam("role") Person.Role role) {
        return people.list(grid, role);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff", "street_staff" })
    @Operation(summary = "One person; the phone in clear for admins and grid leaders, masked for others")
    public PersonView get(@PathParam("id") String id) {
        return people.get(id, caller.hasRole("admin") || caller.hasRole("grid_leader"));
    }
}
