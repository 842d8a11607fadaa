package org.gridgov.event.category;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

@Path("/categories")
@Tag(name = "Categories", description = "事件/部件 classes (GB/T 30428.2 style) with default urgency and time limit")
public class CategoryResource {
    @Inject
    Categories categories;

    @Inject
    SecurityIdentity caller;

    @GET
    @PermitAll
    @Operation(summary = "The catalogue: big and small classes, active ones unless all=true",
            description = "Readable without login: apps show it when a resident files a report.")
    public List<CategoryView> list(@QueryParam("kind") Category.Kind kind, @QueryParam("all") boolean all) {
        return categories.list(kind, all).stream().map(CategoryView::of).toList();
    }

    @GET
    @Path("/{key}")
    @PermitAll
    @Operation(summary = "One category")
    public CategoryView get(@PathParam("key") String key) {
        Category c = categories.find(key);
        if (c == null) {
            throw ProblemException.notFound("category " + key);
        }
        return CategoryView.of(c);
    }

    @PUT
    @Path("/{key}")
    @RolesAllowed("admin")
    @Operation(summary = "Create or change a category (admin)", description = "Kind and code of an existing category cannot change; "
            + "every change is kept in its history. Set active=false to retire a class: events filed under it keep it.")
    public CategoryView put(@PathParam("key") String key, @Valid @NotNull CategoryRequest body) {
        return CategoryView.of(categories.put(key, body, caller.getPrincipal().getName()));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @Operation(summary = "Retire a category (admin): it stays for past events but takes no new reports")
    public CategoryView retire(@PathParam("key") String key) {
        Category c = categories.find(key);
        if (c == null) {
            throw ProblemException.notFound("category " + key);
        }
        CategoryView v = CategoryView.of(c);
        return CategoryView.of(categories.put(key, new CategoryRequest(v.kind(), v.code(), v.nameZh(), v.nameEn(), v.parentKey(),
                v.urgency(), v.timeLimitDays(), v.urgentHours(), false), caller.getPrincipal().getName()));
    }

    @GET
    @Path("/{key}/history")
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "Every version of a category, who changed it and when")
    public List<Categories.Change> history(@PathParam("key") String key) {
        return categories.history(key);
    }
}
