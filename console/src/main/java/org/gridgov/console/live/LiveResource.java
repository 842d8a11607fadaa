package org.gridgov.console.live;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.gridgov.console.signin.SignedIn;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;

/** {@code GET /api/live}: server-sent events naming what kind of thing happened (task, warning, overdue, report, change). */
@Path("/api/live")
public class LiveResource {
    private final LiveFeed feed;
    private final SignedIn signedIn;

    LiveResource(LiveFeed feed, SignedIn signedIn) {
        this.feed = feed;
        this.signedIn = signedIn;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live() {
        if (signedIn.token().isEmpty()) {
            throw new NotAuthorizedException("Bearer");
        }
        // a comment-free keep-alive every 25 s keeps proxies from closing the stream
        return Multi.createBy().merging().streams(feed.kinds(),
                Multi.createFrom().ticks().every(Duration.ofSeconds(25)).map(t -> "ping"));
    }
}
