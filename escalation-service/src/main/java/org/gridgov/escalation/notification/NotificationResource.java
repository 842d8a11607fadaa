package org.gridgov.escalation.notification;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Each person's own notifications and live feed; admins keep the people's channels, quiet hours, units and areas. */
@Path("/")
@Tag(name = "Notifications", description = "Who is told of dispatches, warnings, overdue tasks and 督办, how, and what was sent")
public class NotificationResource {
    @Inject
    Notifications notifications;

    @Inject
    People people;

    @Inject
    FeedChannel feed;

    @Inject
    SecurityIdentity caller;

    @GET
    @Path("/notifications")
    @RolesAllowed({ "resident", "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "supervisor", "admin" })
    @Operation(summary = "My notifications, newest first, with their delivery (PENDING, SENT, FAILED) per channel")
    public List<Notifications.View> mine(@QueryParam("limit") Integer limit) {
        return notifications.of(caller.getPrincipal().getName(), limit == null ? 100 : limit);
    }

    @GET
    @Path("/notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "resident", "grid_worker", "grid_leader", "community_staff", "street_staff", "dept_handler", "supervisor", "admin" })
    @Operation(summary = "My live feed (server-sent events): each notification of the FEED channel as it is sent")
    public Multi<NotificationChannel.Note> stream() {
        return feed.of(caller.getPrincipal().getName());
    }

    @jakarta.ws.rs.PUT
    @Path("/admin/notification-people/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "A person's channels (EMAIL, SMS, FEED), quiet hours (Asia/Shanghai), units they hear of and places they supervise")
    public People.PersonView put(@PathParam("id") String id, @jakarta.validation.constraints.NotNull People.Settings body) {
        return people.put(id, body, caller.getPrincipal().getName());
    }

    @GET
    @Path("/admin/notification-people/{id}")
    @RolesAllowed("admin")
    public People.PersonView person(@PathParam("id") String id) {
        return people.get(id);
    }

    @GET
    @Path("/admin/notification-people/{id}/notifications")
    @RolesAllowed("admin")
    @Operation(summary = "Every notification of a person: who, what, when, delivered or failed")
    public List<Notifications.View> of(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        return notifications.of(id, limit == null ? 100 : limit);
    }
}
