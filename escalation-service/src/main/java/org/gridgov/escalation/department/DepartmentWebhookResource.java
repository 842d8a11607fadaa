package org.gridgov.escalation.department;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Admins configure departments for webhooks and watch, and redrive, their deliveries. */
@Path("/admin/departments")
@RolesAllowed("admin")
@Tag(name = "Departments", description = "Departments without Kafka: signed webhooks, their deliveries and dead letters")
public class DepartmentWebhookResource {

    @Inject
    DepartmentWebhooks webhooks;

    @Inject
    SecurityIdentity caller;

    @PUT
    @Path("/{code}/webhook")
    @Operation(summary = "Deliver the department's task facts to this URL, signed with HMAC-SHA256, instead of its Kafka topic",
            description = "Without a secret one is generated. The answer is the only one that shows the secret.")
    public DepartmentWebhooks.View configure(@PathParam("code") String code, @Valid @NotNull DepartmentWebhooks.Settings body) {
        return webhooks.configure(code, body, caller.getPrincipal().getName());
    }

    @GET
    @Path("/{code}/webhook")
    @Operation(summary = "The department's webhook (without its secret)")
    public DepartmentWebhooks.View webhook(@PathParam("code") String code) {
        return webhooks.view(code);
    }

    @DELETE
    @Path("/{code}/webhook")
    @Operation(summary = "The department goes back to its Kafka topic")
    public Response remove(@PathParam("code") String code) {
        webhooks.remove(code);
        return Response.noContent().build();
    }

    @GET
    @Path("/webhook-deliveries")
    @Operation(summary = "Webhook deliveries, newest first; status=DEAD lists the dead-lettered ones")
    public List<DepartmentWebhooks.DeliveryView> deliveries(@QueryParam("department") String code,
            @QueryParam("status") WebhookDelivery.Status status, @QueryParam("limit") Integer limit) {
        return webhooks.deliveries(code, status, limit == null ? 100 : limit);
    }

    @POST
    @Path("/webhook-deliveries/{id}/redrive")
    @Operation(summary = "Send a dead-lettered delivery again, from its first attempt")
    public DepartmentWebhooks.DeliveryView redrive(@PathParam("id") UUID id) {
        return webhooks.redrive(id);
    }

    public record Redriven(String departmentCode, int deliveries) {
    }

    @POST
    @Path("/{code}/webhook-deliveries/redrive")
    @Operation(summary = "Send every dead-lettered delivery of the department again (after its endpoint was fixed)")
    public Redriven redriveAll(@PathParam("code") String code) {
        return new Redriven(code, webhooks.redriveAll(code));
    }
}
