package org.gridgov.grid.imports;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.gridgov.common.security.CountyScoped;
import org.gridgov.common.security.CurrentJurisdiction;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

@Path("/imports")
@Tag(name = "Imports", description = "Bulk import, all or nothing per file, with a per-row validation report")
@RolesAllowed("admin")
@CountyScoped
public class ImportResource {

    @Inject
    GridImport grids;

    @Inject
    HouseholdImport households;

    @Inject
    SecurityIdentity caller;

    @Inject
    CurrentJurisdiction jurisdiction;

    @POST
    @Path("/grids")
    @Consumes({ "application/geo+json", "application/json" })
    @Operation(summary = "Import grids from a GeoJSON FeatureCollection",
            description = "Each Feature's properties hold code, name, level, parentCode, kind, theme, matters, leaderId; its geometry "
                    + "(Polygon or MultiPolygon, WGS84) is the boundary. Features may come in any order. Any error refuses the whole "
                    + "file with a 400 listing every error: errors[].row is the feature's index, errors[].field its path. "
                    + "A county's administrator imports below her county only: a feature whose code or parentCode lies outside it "
                    + "(or is a county) refuses the whole file with a 403 listing them.")
    public GridImport.Result importGrids(JsonNode collection) {
        ImportScope.checkGrids(jurisdiction.get(), collection);
        return grids.importFeatures(collection, caller.getPrincipal().getName());
    }

    @POST
    @Path("/households")
    @Consumes({ "text/csv", "application/octet-stream" })
    @Operation(summary = "Import household files from UTF-8 CSV",
            description = "Header row with English names or Chinese labels: code/户编码, gridCode/网格编码, buildingCode/楼栋编码, "
                    + "address/地址, headName/户主姓名, headPhone/联系电话, headIdNumber/身份证号, memberCount/人口数, tags/标签 "
                    + "(流动户 党员户 老龄户 一般户), focusTags/重点标签 (贫困户 矛盾纠纷户 上访户 建房申请户 12345诉求人), "
                    + "contactPersonId/联系人, thematicGrids/专题网格. Any error refuses the whole file with a 400 listing "
                    + "every error: errors[].row is the CSV line (the header is line 1). A county's administrator imports in "
                    + "her county only: a row whose gridCode, buildingCode or thematicGrids lie outside it refuses the "
                    + "whole file with a 403 listing them.")
    public HouseholdImport.Result importHouseholds(InputStream csv) throws java.io.IOException {
        if (jurisdiction.get().unrestricted()) {
            return households.importCsv(csv);
        }
        // a county's administrator's file is read twice: its codes first
        byte[] bytes = csv.readAllBytes();
        ImportScope.checkHouseholds(jurisdiction.get(), bytes);
        return households.importCsv(new java.io.ByteArrayInputStream(bytes));
    }
}
