package org.gridgov.scoring.subjects;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridgov.common.problem.Problem.FieldError;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.scoring.ledger.LedgerSql;
import org.gridgov.scoring.jdbc.Db;
import org.gridgov.scoring.jdbc.Sql;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Who can hold points: individuals with their class, grids, communities and villages, streets. */
@Path("/")
@Tag(name = "Subjects")
public class SubjectResource {
    static final Pattern SUBJECT = Pattern.compile("^(USER|GRID|COMMUNITY|STREET):[A-Za-z0-9._@-]{1,100}$");

    public record SubjectView(String subject, String subjectType, String classCode, String communityKind, String homeCode,
            String name, OffsetDateTime registeredAt) {
    }

    /**
     * @param classCode     for individuals: their class (its own standard)
     * @param communityKind for communities: URBAN (community, 6 indicators) or RURAL (village, 7 indicators)
     * @param homeCode      the grid, community or street an individual belongs to (for rankings within an area)
     */
    public record SubjectRequest(String classCode, String communityKind, String homeCode, String name) {
    }

    public record SubjectClass(String code, String name, int monthlyStandard, String description) {
    }

    @Inject
    Db db;

    @Inject
    org.gridgov.common.security.CurrentJurisdiction jurisdiction;

    @GET
    @Path("/subjects/{subject}")
    @RolesAllowed({ "scorer", "supervisor", "admin" })
    @Operation(summary = "A registered subject")
    public SubjectView get(@PathParam("subject") String subject) {
        org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
        return db.read(c -> view(c, subject).filter(v -> org.gridgov.scoring.access.SubjectScope.visible(c, j, subject)))
                .orElseThrow(() -> ProblemException.notFound("subject " + subject));
    }

    static java.util.Optional<SubjectView> view(java.sql.Connection c, String subject) {
        return Sql.one(c, "select * from subject where subject = ?", rs -> new SubjectView(rs.getString("subject"),
                rs.getString("subject_type"), rs.getString("class_code"), rs.getString("community_kind"), rs.getString("home_code"),
                rs.getString("name"), Sql.time(rs, "registered_at")), subject);
    }

    @PUT
    @Path("/subjects/{subject}")
    @RolesAllowed({ "scorer", "admin" })
    @Transactional
    @Operation(summary = "Register a subject or set its class (individuals) or kind (communities and villages)")
    public SubjectView put(@PathParam("subject") String subject, SubjectRequest body) {
        List<FieldError> errors = new ArrayList<>();
        if (!SUBJECT.matcher(subject).matches()) {
            errors.add(new FieldError("subject", "USER:<id>, GRID:<code>, COMMUNITY:<code> or STREET:<code>"));
        }
        SubjectRequest r = body == null ? new SubjectRequest(null, null, null, null) : body;
        String type = LedgerSql.subjectType(subject);
        return db.inTx(c -> {
            if (r.classCode() != null) {
                if (!type.equals("USER")) {
                    errors.add(new FieldError("classCode", "only individuals (USER) have a class"));
                } else if (Sql.count(c, "select count(*) from subject_class where code = ?", r.classCode()) == 0) {
                    errors.add(new FieldError("classCode", "unknown class " + r.classCode()));
                } else {
                    // a person registered in grid-service has the class of their person record there
                    Sql.one(c, "select person_role from subject where subject = ? and person_updated_at is not null", rs -> rs.getString(1),
                            subject).filter(role -> !r.classCode().equals(currentClass(c, subject)))
                            .ifPresent(role -> errors.add(new FieldError("classCode", subject + " is a person of grid-service (" + role
                                    + "); the class follows the person's record there (role and cadreClass)")));
                }
            }
            if (r.communityKind() != null) {
                if (!type.equals("COMMUNITY")) {
                    errors.add(new FieldError("communityKind", "only communities and villages (COMMUNITY) have a kind"));
                } else if (!List.of("URBAN", "RURAL").contains(r.communityKind())) {
                    errors.add(new FieldError("communityKind", "URBAN or RURAL"));
                }
            }
            if (r.homeCode() != null && !r.homeCode().matches("^[0-9]{1,20}$")) {
                errors.add(new FieldError("homeCode", "a grid, community or street code (digits)"));
            }
            if (r.name() != null && r.name().length() > 200) {
                errors.add(new FieldError("name", "at most 200 characters"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            org.gridgov.common.security.Jurisdiction j = jurisdiction.get();
            if (!j.unrestricted()) {
                // the subject as it is, and the home it is given, must both be inside the caller's jurisdiction
                String place = r.homeCode() != null && type.equals("USER") ? r.homeCode() : org.gridgov.scoring.access.SubjectScope.place(c, subject);
                boolean ok = place == null ? type.equals("USER") && j.countyWide() : j.covers(place);
                if (ok && r.homeCode() != null) {
                    ok = j.covers(r.homeCode());
                }
                if (!ok) {
                    throw ProblemException.forbidden("subject " + subject + " is outside your jurisdiction");
                }
            }
            LedgerSql.registerSubject(c, subject, r.homeCode());
            Sql.update(c, "update subject set class_code = coalesce(?, class_code), community_kind = coalesce(?, community_kind), "
                    + "home_code = coalesce(?, home_code), name = coalesce(?, name), updated_at = ? where subject = ?",
                    r.classCode(), r.communityKind(), r.homeCode(), r.name(), OffsetDateTime.now(ZoneOffset.UTC), subject);
            return view(c, subject).orElseThrow();
        });
    }

    private static String currentClass(java.sql.Connection c, String subject) {
        return Sql.one(c, "select class_code from subject where subject = ?", rs -> rs.getString(1), subject).orElse(null);
    }

    @GET
    @Path("/subject-classes")
    @RolesAllowed("**")
    @Operation(summary = "Classes of individuals, each with its own monthly standard")
    public List<SubjectClass> classes() {
        return db.read(c -> Sql.list(c, "select * from subject_class order by code",
                rs -> new SubjectClass(rs.getString("code"), rs.getString("name"), rs.getInt("monthly_standard"), rs.getString("description"))));
    }
}
