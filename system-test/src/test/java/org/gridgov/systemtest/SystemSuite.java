package org.gridgov.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.gridgov.testkit.suite.DemoData;
import org.gridgov.testkit.suite.Suite;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** One running suite for all system tests of this JVM: four service processes, the console, PostgreSQL, Kafka. */
final class SystemSuite {
    private static Suite suite;

    private SystemSuite() {
    }

    static synchronized Suite get() {
        if (suite == null) {
            Path root = Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();
            long t0 = System.nanoTime();
            suite = Suite.start(new Suite.Options(root, root.resolve("system-test/target/suite"), false, false, true),
                    Duration.ofSeconds(180));
            System.out.printf("suite ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            DemoData.load(suite.url(Suite.Service.GRID), token("admin", "admin"));
            // the console's local sign-in page lists the demo users of this file
            suite.writeDemoTokens(Duration.ofHours(2));
            Suite s = suite;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "suite-stop"));
        }
        return suite;
    }

    static String token(String user, String... roles) {
        return get().keys().token(user, Set.of(roles), Map.of(), Duration.ofHours(1));
    }

    /** a token with jurisdiction claims (grids, communities, streets, district, dept) */
    static String token(String user, Map<String, Object> claims, String... roles) {
        return get().keys().token(user, Set.of(roles), claims, Duration.ofHours(1));
    }

    /** the street office of the demo street */
    static String streetStaff() {
        return token("street-staff-1", Map.of("streets", java.util.List.of(DemoData.STREET)), "street_staff");
    }

    /** the county's points office: sees every subject of the county, residents without a home included */
    static String scorer() {
        return token("scorer-1", Map.of("district", java.util.List.of(DemoData.DISTRICT)), "scorer");
    }

    /** the county's command centre (立案, 12345) */
    static String operator() {
        return token("operator-1", Map.of("district", java.util.List.of(DemoData.DISTRICT)), "operator");
    }

    static RequestSpecification as(Suite.Service service, String token) {
        return RestAssured.given().baseUri(get().url(service)).auth().oauth2(token)
                .contentType("application/json");
    }
}
