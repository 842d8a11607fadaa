package org.gridgov.event.open311.client;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Open311 client applications and their api_keys. */
@Path("/admin/open311/clients")
@RolesAllowed("admin")
@Tag(name = "Open311 clients", description = "Applications that post Open311 requests with an api_key")
public class ClientAppResource {
    @Inject
    ClientApps apps;

    @Inject
    SecurityIdentity caller;

    @POST
    @Operation(summary = "Register an application {code, name, rateLimitPerMinute}: the answer carries its api_key, shown this once",
            description = "Only a hash of the key is kept: a lost key is replaced by revoking the application and registering it anew.")
    public Response register(ClientApps.NewClient body) {
        ClientApps.Registered r = apps.register(body, caller.getPrincipal().getName());
        return Response.created(URI.create("/admin/open311/clients/" + r.client().id())).entity(r).build();
    }

    @GET
    @Operation(summary = "Every application, revoked ones included (never a key)")
    public List<ClientApps.ClientApp> list() {
        return apps.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One application")
    public ClientApps.ClientApp get(@PathParam("id") UUID id) {
        return apps.get(id);
    }

    @PUT
    @Path("/{id}/rate-limit")
    @Operation(summary = "Its rate limit {rateLimitPerMinute}: requests it may post a minute")
    public ClientApps.ClientApp limit(@PathParam("id") UUID id, ClientApps.RateLimit body) {
        return apps.limit(id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke the application: its api_key stops working at once")
    public ClientApps.ClientApp revoke(@PathParam("id") UUID id) {
        return apps.revoke(id);
    }
}
