package org.gridgov.escalation.routing;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/routing")
@Tag(name = "Routing", description = "Routing rules as data, versioned; every dispatch names the rule and version that chose its handler")
public class RoutingResource {

    @Inject
    RoutingRules rules;

    @Inject
    SecurityIdentity caller;

    public record RuleSetView(int version, List<RoutingRule> rules) {
        static RuleSetView of(RuleSet s) {
            return new RuleSetView(s.version(), s.rules());
        }
    }

    public record NewVersion(@NotEmpty @Size(max = 500) List<@Valid @NotNull RoutingRule> rules, @Size(max = 500) String note) {
    }

    @GET
    @Path("/rules")
    @RolesAllowed({ "admin", "supervisor", "street_staff", "community_staff" })
    @Operation(summary = "The current rule set (the highest version)")
    public RuleSetView current() {
        return RuleSetView.of(rules.current());
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
    @Operation(summary = "Publish a new version of the rules", description = "Rules apply in order; the first that matches "
            + "category, place and tier decides. Refused when some category and place would have no handler at some tier "
            + "(each tier needs a rule with empty categoryPrefix and placePrefix) or when a department is unknown.")
    public RuleSetView publish(@Valid @NotNull NewVersion body) {
        return RuleSetView.of(rules.publish(body.rules(), caller.getPrincipal().getName(), body.note()));
    }

    @GET
    @Path("/departments")
    @RolesAllowed("**")
    public List<String> departments() {
        return rules.departments().stream().sorted().toList();
    }
}
