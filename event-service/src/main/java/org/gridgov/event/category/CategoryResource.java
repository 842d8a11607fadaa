package org.gridgov.event.category;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.security.CountyScoped;
import org.gridgov.common.security.CurrentJurisdiction;
import org.gridgov.common.security.Jurisdiction;

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

    @Inject
    CurrentJurisdiction jurisdiction;

    @GET
    @PermitAll
    @Operation(summary = "The catalogue: big and small classes, active ones unless all=true",
            description = "Readable without login: apps show it when a resident files a report. With county (6 digits): the shared "
                    + "categories and that county's own. Without: the shared ones and those of the caller's counties (the counties "
                    + "of her place claims; the system administrator: every county's); each row names its county (null: shared).")
    public List<CategoryView> list(@QueryParam("kind") Category.Kind kind, @QueryParam("all") boolean all,
            @QueryParam("county") String county) {
        return categories.list(kind, all, counties(county)).stream().map(CategoryView::of).toList();
    }

    /** the counties whose own categories a list shows; null: all */
    private Set<String> counties(String county) {
        if (county != null && !county.isBlank()) {
            if (!county.strip().matches("[0-9]{6}")) {
                throw ProblemException.invalid("county", "must be a county code (6 digits)");
            }
            return Set.of(county.strip());
        }
        Jurisdiction j = jurisdiction.get();
        if (j.unrestricted()) {
            return null;
        }
        return j.prefixes().stream().map(Jurisdiction::countyOf).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
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
    @CountyScoped
    @Operation(summary = "Create or change a category (admin; a county's administrator: her county's own)",
            description = "Kind, code and county of an existing category cannot change; every change is kept in its history. Set "
                    + "active=false to retire a class: events filed under it keep it. county (6 digits) makes it that county's own, "
                    + "for reports in that county only; omitted, a new category goes to the county of a county's administrator, or "
                    + "(the system administrator) to the shared catalogue. The shared catalogue is the system administrator's; a "
                    + "county's administrator changes her county's categories only (403 otherwise).")
    public CategoryView put(@PathParam("key") String key, @Valid @NotNull CategoryRequest body) {
        return CategoryView.of(categories.put(key, body, caller.getPrincipal().getName(), jurisdiction.get()));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @CountyScoped
    @Operation(summary = "Retire a category (admin; a county's administrator: her county's own): it stays for past events but takes no new reports")
    public CategoryView retire(@PathParam("key") String key) {
        Category c = categories.find(key);
        if (c == null) {
            throw ProblemException.notFound("category " + key);
        }
        CategoryView v = CategoryView.of(c);
        return CategoryView.of(categories.put(key, new CategoryRequest(v.kind(), v.code(), v.nameZh(), v.nameEn(), v.parentKey(),
                v.urgency(), v.timeLimitDays(), v.urgentHours(), false, v.county()), caller.getPrincipal().getName(), jurisdiction.get()));
    }

    @GET
    @Path("/{key}/history")
    @RolesAllowed({ "admin", "supervisor" })
    @Operation(summary = "Every version of a category, who changed it and when")
    public List<Categories.Change> history(@PathParam("key") String key) {
        return categories.history(key);
    }
}
