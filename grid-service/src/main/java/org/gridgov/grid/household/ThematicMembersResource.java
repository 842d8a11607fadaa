package org.gridgov.grid.household;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.people.Person;
import org.gridgov.grid.registry.GridNode;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * 多网合一: a thematic grid (by industry, age group, interest) lists its members, the households that joined it, wherever
 * they live, and the people serving it. Whoever covers the thematic grid reads the list: its members are its business.
 * Phones and ID numbers are masked; a household's full file stays with its own grid's jurisdiction.
 */
@Path("/grids/{code}/members")
@Tag(name = "Grids")
public class ThematicMembersResource {

    @Inject
    EntityManager em;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    public record MemberHousehold(UUID id, String code, String gridCode, String address, String headName, String headPhone,
            int memberCount, List<String> tags, List<String> focusTags) {
    }

    public record ServingPerson(String id, String name, Person.Role role) {
    }

    public record ThematicMembers(String code, String name, String theme, int households, List<MemberHousehold> members,
            List<ServingPerson> people) {
    }

    @GET
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "community_staff", "street_staff" })
    @Operation(summary = "A thematic grid's member households (focus households first) and the people serving it",
            description = "Only a thematic grid inside the caller's jurisdiction (else 404); a geographic grid is 404 too (its "
                    + "households: GET /households?grid=). Moved-out households have left. Phones masked.")
    public ThematicMembers members(@PathParam("code") String code) {
        GridNode g = GridNode.findById(code);
        if (g == null || g.kind != GridNode.Kind.THEMATIC || !jurisdiction.get().covers(code)) {
            throw ProblemException.notFound("thematic grid " + code);
        }
        @SuppressWarnings("unchecked")
        List<Household> households = em.createNativeQuery("select h.* from household h join household_grid m on m.household_id = h.id "
                + "where m.grid_code = :g and h.status = 'ACTIVE' order by case when cardinality(h.focus_tags) > 0 then 0 else 1 end, h.code",
                Household.class).setParameter("g", code).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> people = em.createNativeQuery("select p.id, p.name, p.role from person p join person_grid pg on pg.person_id = p.id "
                + "where pg.grid_code = :g and p.status = 'ACTIVE' order by p.id").setParameter("g", code).getResultList();
        return new ThematicMembers(g.code, g.name, g.theme, households.size(),
                households.stream().map(h -> new MemberHousehold(h.id, h.code, h.gridCode, h.address, h.headName, h.headPhoneMasked,
                        h.memberCount, h.tags, h.focusTags)).toList(),
                people.stream().map(r -> new ServingPerson((String) r[0], (String) r[1], Person.Role.valueOf((String) r[2]))).toList());
    }
}
