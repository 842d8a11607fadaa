package org.gridgov.testkit.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.testkit.JwtKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A permission-matrix test generated from one table: role × endpoint × inside/outside jurisdiction → allowed or
 * denied. Use it from a {@code @QuarkusTest} of the service (RestAssured already points at the running app):
 *
 * <pre>
 * PermissionMatrix.fromResource("/permissions.csv")
 *         .places("350182001001001", "350199001001001", "police", "market") // claims inside / outside
 *         .var("household", () -&gt; householdId)                              // path parameters, query and body values
 *         .body("POST /households", "{\"gridCode\":\"{grid}\", ...}")
 *         .verify();
 * </pre>
 *
 * {@link #verify()} reads the service's OpenAPI document ({@code /q/openapi?format=json}), fails when an operation has
 * no row (a new endpoint without a rule fails the test) or a row names no operation, then calls every row's endpoint
 * with a token minted by {@link JwtKeys#forTests()} and checks the answer. All failures are reported together.
 *
 * <h2>The table</h2>
 * A CSV file with a header line and the columns {@code method,path,query,role,scope,expect,marker}; {@code #}
 * starts a comment line.
 * <ul>
 * <li>{@code path}: the OpenAPI path template, e.g. {@code /households/{id}}; every {@code {name}} in path, query,
 * marker and bodies is a variable ({@link #var}); {@code {id=deptTask}} fills the parameter {@code id} from the
 * variable {@code deptTask}</li>
 * <li>{@code query}: an optional query string, e.g. {@code grid={grid}}</li>
 * <li>{@code role}: a role, several separated by {@code |}, or {@code anonymous} (no token)</li>
 * <li>{@code scope}: {@code inside} (claims covering the fixtures' place), {@code outside} (claims of another place or
 * department), {@code none} (no claims), several separated by {@code |}</li>
 * <li>{@code expect}: {@code allow} (not 401, 403, 404 and not 5xx), {@code see} (2xx and the body contains the
 * marker), {@code hide} (2xx and the body does not contain the marker: lists filter silently), {@code deny} (401, 403 or
 * 404), or status codes such as {@code 404} or {@code 403|404}</li>
 * <li>{@code marker}: for see and hide, the text (usually a variable such as {@code {household}}) that shows the
 * fixture's data</li>
 * </ul>
 * A variable {@code {id}} in a row of {@code GET /households/{id}} is looked up as {@code GET /households/{id}.id},
 * then as {@code households.id} (the path's first segment), then as {@code id}. Variables are suppliers evaluated once per row, so a row may ask for a fresh resource ({@code {freshTask}}) when its
 * call changes or consumes it.
 */
public final class PermissionMatrix {

    public enum Scope {
        INSIDE, OUTSIDE, NONE
    }

    public record Row(int line, String method, String path, String query, String role, Scope scope, String expect, String marker) {
        /** method and OpenAPI path ({@code {id=deptTask}} is the parameter {@code {id}}) */
        public String operation() {
            return method + " " + path.replaceAll("\\{([A-Za-z0-9_]+)=[A-Za-z0-9_]+\\}", "{$1}");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + method + " " + path + (query.isEmpty() ? "" : "?" + query) + " as " + role + " "
                    + scope.name().toLowerCase(Locale.ROOT) + " → " + expect;
        }
    }

    public record Operation(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** the roles documented in the README; a row naming another role is a typo */
    public static final Set<String> ROLES = Set.of("resident", "grid_worker", "grid_leader", "operator", "community_staff",
            "street_staff", "dept_handler", "supervisor", "cadre", "scorer", "admin", "anonymous");

    private static final Pattern VAR = Pattern.compile("\\{([A-Za-z0-9_]+)(?:=([A-Za-z0-9_]+))?\\}");

    private final String source;
    private final List<Row> rows;
    private final Map<String, Supplier<String>> vars = new LinkedHashMap<>();
    private final Map<String, String[]> bodies = new HashMap<>();
    private final Map<String, String> subjects = new HashMap<>();
    private BiFunction<String, Scope, Map<String, Object>> claims = (role, scope) -> Map.of();
    private final List<String> report = new ArrayList<>();

    private PermissionMatrix(String source, List<Row> rows) {
        this.source = source;
        this.rows = rows;
    }

    /** Reads the table from the classpath (e.g. {@code /permissions.csv} in {@code src/test/resources}). */
    public static PermissionMatrix fromResource(String resource) {
        try (InputStream in = PermissionMatrix.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a table; one row per combination of the roles and scopes of each line. */
    public static PermissionMatrix parse(String source, String csv) {
        List<Row> rows = new ArrayList<>();
        String[] lines = csv.split("\r?\n");
        boolean header = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                if (!line.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("method,path,query,role,scope,expect")) {
                    throw new IllegalArgumentException(source + ": the header must be method,path,query,role,scope,expect,marker");
                }
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 6 || f.length > 7) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": 6 or 7 columns expected: " + line);
            }
            String method = f[0].strip().toUpperCase(Locale.ROOT);
            String expect = f[5].strip().toLowerCase(Locale.ROOT);
            if (!expect.matches("allow|see|hide|deny|\\d{3}(\\|\\d{3})*")) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expect must be allow, see, hide, deny or statuses");
            }
            String marker = f.length > 6 ? f[6].strip() : "";
            if ((expect.equals("see") || expect.equals("hide")) && marker.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": see and hide need a marker");
            }
            for (String role : f[3].strip().split("\\|")) {
                if (!ROLES.contains(role.strip())) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": unknown role " + role);
                }
                for (String scope : f[4].strip().split("\\|")) {
                    rows.add(new Row(i + 1, method, f[1].strip(), f[2].strip(), role.strip(),
                            Scope.valueOf(scope.strip().toUpperCase(Locale.ROOT)), expect, marker));
                }
            }
        }
        return new PermissionMatrix(source, rows)
                // the messaging admin endpoints every service has (common): a consumer and a parked row that do not exist
                .var("admin.consumer", "no-such-consumer").var("admin.eventId", "00000000-0000-0000-0000-000000000000");
    }

    public List<Row> rows() {
        return rows;
    }

    /** A variable with a fixed value. */
    public PermissionMatrix var(String name, String value) {
        vars.put(name, () -> value);
        return this;
    }

    /** A variable evaluated once for each row that uses it (a fresh resource per row). */
    public PermissionMatrix var(String name, Supplier<String> value) {
        vars.put(name, value);
        return this;
    }

    /** The JSON body template of an operation ({@code "POST /households"}), with variables. */
    public PermissionMatrix body(String operation, String template) {
        return body(operation, "application/json", template);
    }

    public PermissionMatrix body(String operation, String contentType, String template) {
        bodies.put(operation, new String[] { contentType, template });
        return this;
    }

    /** The token subject for a role (default {@code matrix-<role>}), e.g. a registered person for visits. */
    public PermissionMatrix subject(String role, String subject) {
        subjects.put(role, subject);
        return this;
    }

    /** Claims per role and scope, for services whose places are not grid codes. */
    public PermissionMatrix claims(BiFunction<String, Scope, Map<String, Object>> claims) {
        this.claims = claims;
        return this;
    }

    /**
     * The usual claims: area roles get the claim of their level for the inside or the outside grid (grid workers and
     * cadres {@code grids}, grid leaders {@code grids} with the level-1 grid, community staff {@code communities},
     * street staff {@code streets}, supervisors, scorers and operators {@code district}); department handlers
     * {@code dept}; admins and residents nothing.
     */
    public PermissionMatrix places(String insideGrid, String outsideGrid, String insideDept, String outsideDept) {
        this.claims = placeClaims(insideGrid, outsideGrid, insideDept, outsideDept);
        return this;
    }

    /** the claims of {@link #places}, to adapt for a service */
    public static BiFunction<String, Scope, Map<String, Object>> placeClaims(String insideGrid, String outsideGrid, String insideDept,
            String outsideDept) {
        return (role, scope) -> {
            if (scope == Scope.NONE) {
                return Map.of();
            }
            String grid = scope == Scope.INSIDE ? insideGrid : outsideGrid;
            String dept = scope == Scope.INSIDE ? insideDept : outsideDept;
            return switch (role) {
                case "grid_worker", "cadre" -> Map.of("grids", List.of(grid));
                case "grid_leader" -> Map.of("grids", List.of(grid.substring(0, 12) + "000"));
                case "community_staff" -> Map.of("communities", List.of(grid.substring(0, 12)));
                case "street_staff" -> Map.of("streets", List.of(grid.substring(0, 9)));
                case "supervisor", "scorer", "operator" -> Map.of("district", List.of(grid.substring(0, 6)));
                case "dept_handler" -> Map.of("dept", List.of(dept));
                default -> Map.of();
            };
        };
    }

    /** The operations of the running service's OpenAPI document, without Quarkus' own {@code /q/} endpoints. */
    public static Set<Operation> operations() {
        String json = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        try {
            JsonNode paths = new ObjectMapper().readTree(json).path("paths");
            Set<Operation> ops = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
            Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                if (p.getKey().startsWith("/q/")) {
                    continue;
                }
                Iterator<String> methods = p.getValue().fieldNames();
                while (methods.hasNext()) {
                    String m = methods.next().toUpperCase(Locale.ROOT);
                    if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                        ops.add(new Operation(m, p.getKey()));
                    }
                }
            }
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation has a row and every row an operation; then every row's call answers as the table says. */
    public void verify() {
        Set<Operation> ops = operations();
        Set<String> known = new LinkedHashSet<>();
        ops.forEach(o -> known.add(o.toString()));
        Set<String> covered = new LinkedHashSet<>();
        rows.forEach(r -> covered.add(r.operation()));
        List<String> failures = new ArrayList<>();
        for (String op : known) {
            if (!covered.contains(op)) {
                failures.add(op + ": no row in " + source + " (every endpoint needs a rule)");
            }
        }
        for (String op : covered) {
            if (!known.contains(op)) {
                failures.add(op + ": in " + source + " but not in the OpenAPI document");
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("permission matrix " + source + " is incomplete:\n  " + String.join("\n  ", failures));
        }
        for (Row r : rows) {
            try {
                String problem = check(r);
                if (problem != null) {
                    failures.add(r + ": " + problem);
                }
            } catch (RuntimeException e) {
                failures.add(r + ": " + e);
            }
        }
        System.out.printf("permission matrix %s: %d operations, %d calls, %d failures%n", source, ops.size(), rows.size(),
                failures.size());
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + rows.size() + " permission checks failed (" + source + "):\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** the calls made, for a report */
    public List<String> report() {
        return report;
    }

    private String check(Row r) {
        Map<String, String> values = new HashMap<>();
        String path = substitute(r.path(), values, r);
        String query = substitute(r.query(), values, r);
        String marker = substitute(r.marker(), values, r);
        String[] body = bodies.get(r.operation());
        RequestSpecification req = RestAssured.given().redirects().follow(false);
        if (!r.role().equals("anonymous")) {
            String subject = subjects.getOrDefault(r.role(), "matrix-" + r.role().replace('_', '-'));
            req = req.auth().oauth2(JwtKeys.forTests().token(subject, Set.of(r.role()), claims.apply(r.role(), r.scope())));
        }
        if (body != null) {
            req = req.contentType(body[0]).body(substitute(body[1], values, r));
        } else if (!r.method().equals("GET")) {
            req = req.contentType("application/json").body("{}");
        }
        String url = path + (query.isEmpty() ? "" : "?" + query);
        Response res = req.request(r.method(), url);
        int status = res.statusCode();
        String text = res.asString();
        report.add(r + " → " + status);
        String brief = status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        switch (r.expect()) {
            case "allow" -> {
                return status == 401 || status == 403 || status == 404 || status >= 500 ? "expected allowed, got " + brief : null;
            }
            case "deny" -> {
                return status == 401 || status == 403 || status == 404 ? null : "expected denied (401/403/404), got " + brief;
            }
            case "see" -> {
                if (status < 200 || status > 299) {
                    return "expected 2xx with " + marker + ", got " + brief;
                }
                return text.contains(marker) ? null : "expected the body to show " + marker + ", got " + brief;
            }
            case "hide" -> {
                if (status < 200 || status > 299) {
                    return "expected 2xx without " + marker + ", got " + brief;
                }
                return text.contains(marker) ? "expected the body not to show " + marker + ", got " + brief : null;
            }
            default -> {
                for (String s : r.expect().split("\\|")) {
                    if (Integer.parseInt(s) == status) {
                        return null;
                    }
                }
                return "expected " + r.expect() + ", got " + brief;
            }
        }
    }

    private String substitute(String template, Map<String, String> values, Row r) {
        Matcher m = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2) != null ? m.group(2) : m.group(1);
            String v = values.get(name);
            if (v == null) {
                String segment = r.path().replaceFirst("^/([^/]*).*$", "$1");
                Supplier<String> s = vars.getOrDefault(r.operation() + "." + name,
                        vars.getOrDefault(segment + "." + name, vars.get(name)));
                if (s == null) {
                    throw new IllegalArgumentException("no variable {" + name + "} for " + r);
                }
                v = s.get();
                values.put(name, v);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
