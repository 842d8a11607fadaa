package org.gridgov.escalation.routing;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.security.CountyScoped;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.escalation.department.Departments;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/routing")
@Tag(name = "Routing", description = "Routing rules as data, versioned, shared or a county's own; every dispatch names the rule, "
        + "version and county that chose its handler")
public class RoutingResource {
    static final String COUNTY = "\\d{6}";
    static final String COUNTY_MESSAGE = "a county code: 6 digits";

    @Inject
    RoutingRules rules;

    @Inject
    Departments departments;

    @Inject
    SecurityIdentity caller;

    @Inject
    CurrentJurisdiction jurisdiction;

    /** @param county the county whose set it is; null for the shared set */
    public record RuleSetView(int version, String county, List<RoutingRule> rules) {
        static RuleSetView of(RuleSet s) {
            return new RuleSetView(s.version(), s.county(), s.rules());
        }
    }

    public record NewVersion(@NotEmpty @Size(max = 500) List<@Valid @NotNull RoutingRule> rules, @Size(max = 500) String note) {
    }

    public record DepartmentEdit(@NotBlank @Size(max = 60) String name,
            @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county) {
    }

    @GET
    @Path("/rules")
    @RolesAllowed({ "admin", "supervisor", "street_staff", "community_staff" })
    @Operation(summary = "The rule set that applies: without county the shared one, with county that county's latest, else the shared one")
    public RuleSetView current(@QueryParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county) {
        return RuleSetView.of(rules.current(county));
    }

    @GET
    @Path("/rules/{version}")
    @RolesAllowed({ "admin", "supervisor", "street_staff", "community_staff" })
    public RuleSetView version(@PathParam("version") int version) {
        return RuleSetView.of(rules.version(version));
    }

    @POST
    @Path("/rules")
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Publish a new version of the rules: the shared set, or with county that county's own set",
            description = "Rules apply in order; the first that matches category, place and tier decides. Refused when some "
                    + "category and place would have no handler at some tier (each tier needs a rule with empty categoryPrefix and "
                    + "placePrefix; in a county's set placePrefix may also be the county's code) or when a department is unknown. "
                    + "The shared set is the system administrator's; a county's set its administrator's too. A county's rules have "
                    + "place prefixes within the county and route to the county's own or shared departments.")
    public RuleSetView publish(@QueryParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county,
            @Valid @NotNull NewVersion body) {
        jurisdiction.get().checkAdminister(county, "the routing rules");
        return RuleSetView.of(rules.publish(body.rules(), caller.getPrincipal().getName(), body.note(), county));
    }

    @GET
    @Path("/departments")
    @RolesAllowed("**")
    @Operation(summary = "Department codes: all of them, or with county those the county's tasks may go to (shared and its own)")
    public List<String> departments(@QueryParam("county") @Pattern(regexp = COUNTY, message = COUNTY_MESSAGE) String county) {
        return departments.list(county).stream().map(Departments.Department::code).toList();
    }

    @PUT
    @Path("/departments/{code}")
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Create or rename a department: shared (without county; the system administrator's) or a county's own",
            description = "Codes are unique in the deployment; a department keeps its county (409 otherwise).")
    public Departments.Department putDepartment(
            @PathParam("code") @Pattern(regexp = "[a-z0-9-]{1,40}", message = "lower-case letters, digits and '-'") String code,
            @Valid @NotNull DepartmentEdit body) {
        return departments.put(code, body.name(), body.county(), jurisdiction.get());
    }
}
