package org.gridgov.testkit.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;

/**
 * {@code ./run.sh token <user> [<role>[,<role>...]] [--grids=<code>,...] [--communities=...] [--streets=...]
 * [--district=...] [--dept=...]}: prints a 12-hour token signed with the local key. A demo user
 * ({@link DemoData#USERS}) given alone gets her roles and jurisdiction claims; roles or claim options replace them.
 */
public final class TokenTool {
    static final List<String> CLAIMS = List.of("grids", "communities", "streets", "district", "dept");

    private TokenTool() {
    }

    public static void main(String[] args) {
        try {
            Path root = Path.of(System.getProperty("gridgov.root", ".")).toAbsolutePath().normalize();
            JwtKeys keys = JwtKeys.loadOrCreate(root.resolve(".gridgov/jwt"));
            DemoData.User u = parse(args);
            System.out.println(keys.token(u.id(), u.roles(), u.claims(), Duration.ofHours(12)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ./run.sh token <user> [<role>[,<role>...]] [--grids=<code>,...] [--communities=<code>,...] "
                    + "[--streets=<code>,...] [--district=<code>] [--dept=<department>]");
            System.err.println("demo users: " + String.join(", ", DemoData.USERS.stream().map(DemoData.User::id).toList()));
            System.exit(2);
        }
    }

    /** the user, roles and claims the arguments ask for */
    static DemoData.User parse(String[] args) {
        String user = null;
        Set<String> roles = null;
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                if (!CLAIMS.contains(name) || eq < 0) {
                    throw new IllegalArgumentException("unknown option " + a);
                }
                List<String> values = new ArrayList<>();
                for (String v : a.substring(eq + 1).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
                claims.put(name, values);
            } else if (user == null) {
                user = a;
            } else if (roles == null) {
                roles = Set.of(a.split(","));
            } else {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        if (user == null) {
            throw new IllegalArgumentException("give a user");
        }
        DemoData.User demo = DemoData.user(user).orElse(null);
        if (roles == null) {
            if (demo == null) {
                throw new IllegalArgumentException(user + " is not a demo user: give the roles");
            }
            roles = demo.roles();
        }
        if (claims.isEmpty() && demo != null && roles.equals(demo.roles())) {
            claims.putAll(demo.claims());
        }
        return new DemoData.User(user, roles, claims);
    }
}
