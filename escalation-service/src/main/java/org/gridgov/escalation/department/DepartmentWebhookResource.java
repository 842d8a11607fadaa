package org.gridgov.escalation.department;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.gridgov.common.security.CountyScoped;

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

/**
 * Admins configure departments for webhooks and watch, and redrive, their deliveries. A department's webhook is managed
 * by the administrator of its county or the system administrator (a shared department's by the system administrator
 * only); the lists of every delivery and the redrive of one delivery by id stay the system administrator's.
 */
@Path("/admin/departments")
@RolesAllowed("admin")
@Tag(name = "Departments", description = "Departments without Kafka: signed webhooks, their deliveries and dead letters")
public class DepartmentWebhookResource {

    @Inject
    DepartmentWebhooks webhooks;

    @Inject
    SecurityIdentity caller;

    @Inject
    Departments departments;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    /** 404 for an unknown department, 403 unless the caller administers its county */
    private void check(String code) {
        departments.checkAdminister(code, jurisdiction.get());
    }

    @CountyScoped
    @PUT
    @Path("/{code}/webhook")
    @Operation(summary = "Deliver the department's task facts to this URL, signed with HMAC-SHA256, instead of its Kafka topic",
            description = "Without a secret one is generated. The answer is the only one that shows the secret.")
    public DepartmentWebhooks.View configure(@PathParam("code") String code, @Valid @NotNull DepartmentWebhooks.Settings body) {
        check(code);
        return webhooks.configure(code, body, caller.getPrincipal().getName());
    }

    @CountyScoped
    @GET
    @Path("/{code}/webhook")
    @Operation(summary = "The department's webhook (without its secret)")
    public DepartmentWebhooks.View webhook(@PathParam("code") String code) {
        check(code);
        return webhooks.view(code);
    }

    @CountyScoped
    @DELETE
    @Path("/{code}/webhook")
    @Operation(summary = "The department goes back to its Kafka topic")
    public Response remove(@PathParam("code") String code) {
        check(code);
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

    @CountyScoped
    @POST
    @Path("/{code}/webhook-deliveries/redrive")
    @Operation(summary = "Send every dead-lettered delivery of the department again (after its endpoint was fixed)")
    public Redriven redriveAll(@PathParam("code") String code) {
        check(code);
        return new Redriven(code, webhooks.redriveAll(code));
    }
}
