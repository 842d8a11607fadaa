package org.gridgov.event.partner;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The partner registry: who may report over Kafka, each on its own topic. */
@Path("/admin/partners")
@RolesAllowed("admin")
@Tag(name = "Partners", description = "Partner systems reporting over Kafka, each on its own topic gridgov.partner.<code>.report.v1")
public class PartnerResource {
    @Inject
    PartnerRegistry registry;

    @Inject
    SecurityIdentity caller;

    @POST
    @Operation(summary = "Register a partner system {code, name}: its topic is gridgov.partner.<code>.report.v1",
            description = "Where the service creates topics itself (local run) the topic is created; in Kubernetes add its KafkaTopic and "
                    + "its KafkaUser (write on that topic only) to deploy/. 409 if the code was ever registered.")
    public Response register(PartnerRegistry.NewPartner body) {
        PartnerRegistry.Partner p = registry.register(body, caller.getPrincipal().getName());
        return Response.created(URI.create("/admin/partners/" + p.code())).entity(p).build();
    }

    @GET
    @Operation(summary = "Every partner, revoked ones included")
    public List<PartnerRegistry.Partner> list() {
        return registry.list();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One partner")
    public PartnerRegistry.Partner get(@PathParam("code") String code) {
        return registry.get(code);
    }

    @DELETE
    @Path("/{code}")
    @Operation(summary = "Revoke a partner: what it writes from now on is dead-lettered (its KafkaUser should go too)")
    public PartnerRegistry.Partner revoke(@PathParam("code") String code) {
        return registry.revoke(code, caller.getPrincipal().getName());
    }
}
