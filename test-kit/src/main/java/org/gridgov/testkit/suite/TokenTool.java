package org.gridgov.testkit.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.JwtKeys;

/** {@code ./run.sh token <user> <role>[,<role>...]}: prints a 12-hour token signed with the local key. */
public final class TokenTool {
    private TokenTool() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ./run.sh token <user> <role>[,<role>...]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("gridgov.root", ".")).toAbsolutePath().normalize();
        JwtKeys keys = JwtKeys.loadOrCreate(root.resolve(".gridgov/jwt"));
        System.out.println(keys.token(args[0], Set.of(args[1].split(",")), Map.of(), Duration.ofHours(12)));
    }
}
