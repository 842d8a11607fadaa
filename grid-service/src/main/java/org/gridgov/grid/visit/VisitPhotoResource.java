package org.gridgov.grid.visit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/visits/{id}/photos")
@Tag(name = "Visits")
public class VisitPhotoResource {

    @Inject
    VisitPhotos photos;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ "grid_leader", "grid_worker", "cadre" })
    @Operation(summary = "Add a photo to one's own visit (the raw bytes; Content-Type image/jpeg or image/png)",
            description = "The bytes must carry the JPEG or PNG signature (else 415), at most gridgov.visits.photo-max-bytes (413), "
                    + "at most gridgov.visits.photos-per-visit photos a visit (400). Only the visitor (403); a visit outside the caller's "
                    + "jurisdiction is 404.")
    public Response add(@PathParam("id") UUID id, @HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        VisitPhotos.PhotoView p = photos.add(id, jurisdiction.get(), contentType, body);
        return Response.created(URI.create(p.url())).entity(p).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{photoId}")
    @Produces({ "image/jpeg", "image/png", "application/problem+json" })
    @RolesAllowed({ "admin", "grid_leader", "grid_worker", "cadre", "community_staff" })
    @Operation(summary = "The bytes of a visit photo", description = "For whoever may read the visit (its grid inside her jurisdiction); else 404")
    public Response get(@PathParam("id") UUID id, @PathParam("photoId") UUID photoId) {
        VisitPhotos.Photo p = photos.get(id, photoId, jurisdiction.get());
        return Response.ok(p.data(), p.contentType()).header("ETag", "\"" + p.sha256() + "\"").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline").build();
    }
}
