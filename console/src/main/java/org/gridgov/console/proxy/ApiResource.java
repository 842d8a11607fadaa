package org.gridgov.console.proxy;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.gridgov.console.signin.SignedIn;

/** {@code /api/<service>/<path>}: the front end's calls, forwarded with the signed-in user's token. */
@Path("/api/{service:grid|event|escalation|scoring}")
public class ApiResource {
    private final Forwarder forwarder;
    private final SignedIn signedIn;

    ApiResource(Forwarder forwarder, SignedIn signedIn) {
        this.forwarder = forwarder;
        this.signedIn = signedIn;
    }

    @GET
    @Path("/{path:.*}")
    public Response get(@PathParam("service") String service, @PathParam("path") String path, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return call("GET", service, path, uri, headers, null);
    }

    @POST
    @Path("/{path:.*}")
    public Response post(@PathParam("service") String service, @PathParam("path") String path, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return call("POST", service, path, uri, headers, body);
    }

    @PUT
    @Path("/{path:.*}")
    public Response put(@PathParam("service") String service, @PathParam("path") String path, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return call("PUT", service, path, uri, headers, body);
    }

    @DELETE
    @Path("/{path:.*}")
    public Response delete(@PathParam("service") String service, @PathParam("path") String path, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return call("DELETE", service, path, uri, headers, null);
    }

    private Response call(String method, String service, String path, UriInfo uri, HttpHeaders headers, byte[] body) {
        return forwarder.forward(new Forwarder.Call(method, service, path, uri.getRequestUri().getRawQuery(),
                headers::getHeaderString, body), signedIn.token());
    }
}
