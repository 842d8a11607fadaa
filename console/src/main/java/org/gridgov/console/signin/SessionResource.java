package org.gridgov.console.signin;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.gridgov.console.config.ConsoleConfig;
import org.gridgov.console.proxy.Problems;

/** Who is signed in, signing in and out, and the front end's settings. */
@Path("/")
public class SessionResource {
    private final SignedIn signedIn;
    private final LocalSignIn local;
    private final ConsoleConfig config;

    SessionResource(SignedIn signedIn, LocalSignIn local, ConsoleConfig config) {
        this.signedIn = signedIn;
        this.local = local;
        this.config = config;
    }

    /** The signed-in user (id, roles, jurisdiction claims), or 401. */
    @GET
    @Path("/api/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me() {
        return signedIn.claims().<Response>map(c -> Response.ok(Map.of("user", c.user(), "roles", c.roles(), "claims", c.claims(),
                "expiresAt", c.expiresAt(), "localSignIn", local.enabled())).build())
                .orElseGet(() -> Problems.of(401, "Not signed in", "sign in first", "Authorization"));
    }

    /**
     * Sign in: the local sign-in page in the dev and local profiles; otherwise an OIDC-protected path (the provider's
     * login, then back here and on to the console).
     */
    @GET
    @Path("/sign-in")
    public Response signIn() {
        return Response.seeOther(URI.create(local.enabled() ? "/sign-in/local" : "/")).build();
    }

    /** Sign out: drops the local cookie (OIDC: the logout path of the provider's session, see application.properties). */
    @GET
    @Path("/sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create(local.enabled() ? "/sign-in/local" : "/"))
                .cookie(new NewCookie.Builder(SignedIn.COOKIE).value("").path("/").maxAge(0).httpOnly(true).build()).build();
    }

    /** The map settings (base map, its datum, where the map opens); no sign-in. */
    @GET
    @Path("/settings.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> settings() {
        ConsoleConfig.MapSettings m = config.map();
        return Map.of("baseMapUrl", m.baseMapUrl().orElse(""), "baseMapAttribution", m.baseMapAttribution().orElse(""),
                "baseMapDatum", m.baseMapDatum().name(), "centre", new double[] { m.centreLatitude(), m.centreLongitude() },
                "zoom", m.zoom());
    }
}
