package org.gridgov.console.proxy;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details for the console's own refusals, naming the field, as the services do. */
public final class Problems {
    private Problems() {
    }

    public static Response of(int status, String title, String detail, String field) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail,
                        "errors", List.of(Map.of("field", field, "message", detail))))
                .build();
    }
}
