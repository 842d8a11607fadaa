package org.gridgov.escalation.department;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * A department on webhooks replies here: the same CloudEvent (type and {@code DepartmentReplyV1})
 * it would write on its Kafka reply topic, in structured mode, signed with its webhook secret as
 * the webhooks it receives are. The signature is the authentication: no token is needed.
 */
@Path("/departments/{code}/replies")
@Tag(name = "Departments")
public class DepartmentReplyResource {

    @Inject
    WebhookReplies replies;

    @Inject
    WebhookConfig config;

    @POST
    @PermitAll
    @Consumes({ "application/cloudevents+json", "application/json" })
    @Operation(summary = "A department's reply about its task (accepted, progressed, returned, resolved), signed",
            description = "Body: a CloudEvent in structured mode whose type is one of org.gridgov.department.*.v1 and whose data is a "
                    + "DepartmentReplyV1. Headers X-Gridgov-Timestamp (Unix seconds, within gridgov.webhook.reply-tolerance of now) and "
                    + "X-Gridgov-Signature: sha256=<hex of HMAC-SHA256(secret, timestamp + '.' + body)>. 401 when unsigned or signed "
                    + "wrongly; the same CloudEvents id twice has one effect.")
    public WebhookReplies.Outcome reply(@PathParam("code") String code, @HeaderParam(WebhookSignature.TIMESTAMP) String timestamp,
            @HeaderParam(WebhookSignature.SIGNATURE) String signature, byte[] body) {
        replies.authenticate(code, timestamp, signature, body == null ? new byte[0] : body, Instant.now());
        return replies.apply(code, body);
    }

}
