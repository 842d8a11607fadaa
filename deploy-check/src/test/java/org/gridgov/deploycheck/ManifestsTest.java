package org.gridgov.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** deploy/base and every overlay render and pass every check; the overlays deploy what they promise. */
class ManifestsTest {
    static DeployCheck check;

    @BeforeAll
    static void load() {
        check = DeployCheck.fromSystemProperties();
    }

    @TestFactory
    Stream<DynamicTest> everyKustomizationIsValid() {
        return check.kustomizations().stream().map(dir -> DynamicTest.dynamicTest(check.deploy.getParent().relativize(dir).toString(), () -> {
            List<String> errors = check.check(dir);
            if (!errors.isEmpty()) {
                fail(errors.size() + " problem(s) in " + dir + ":\n  " + String.join("\n  ", errors));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayDeploysEveryService() throws IOException {
        Set<String> services;
        try (Stream<Path> modules = Files.list(check.root)) {
            // the services and the console (the web front end) are deployed
            services = modules.filter(m -> (m.getFileName().toString().endsWith("-service") || m.getFileName().toString().equals("console"))
                    && Files.isRegularFile(m.resolve("pom.xml")))
                    .map(m -> m.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(services.size() >= 5, "service modules and the console found: " + services);
        return check.kustomizations().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Set<String> deployed = Kustomize.build(dir).stream().filter(o -> "Deployment".equals(Ids.kind(o)))
                    .map(Ids::name).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(services, deployed, "the Deployments of " + dir + " against the service modules");
        }));
    }

    /** every image a Deployment of deploy/base runs (gridgov/<module>) is one deploy/images/build-images.sh builds and checks */
    @Test
    void everyDeployedImageIsBuiltByTheImageScript() throws IOException {
        String script = Files.readString(check.deploy.resolve("images/build-images.sh"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^services=\\(([^)]*)\\)").matcher(script);
        assertTrue(m.find(), "build-images.sh names its images in services=(...)");
        Set<String> built = Stream.of(m.group(1).trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> deployed = Kustomize.build(check.deploy.resolve("base")).stream().filter(o -> "Deployment".equals(Ids.kind(o)))
                .flatMap(o -> Stream.of(o.at("/spec/template/spec/containers"), o.at("/spec/template/spec/initContainers")))
                .flatMap(cs -> java.util.stream.StreamSupport.stream(cs.spliterator(), false))
                .map(c -> c.path("image").asText()).filter(i -> i.startsWith("gridgov/"))
                .map(i -> i.substring("gridgov/".length()).replaceFirst("[:@].*$", "")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(deployed, built, "the images build-images.sh builds against the images deploy/base runs");
    }

    @Test
    void prodIsHighlyAvailable() {
        List<ObjectNode> prod = Kustomize.build(check.deploy.resolve("overlays/prod"));
        assertEquals(3, one(prod, "Cluster", "gridgov-pg").path("spec").path("instances").asInt(), "PostgreSQL instances");
        int brokers = prod.stream().filter(o -> "KafkaNodePool".equals(Ids.kind(o)))
                .filter(o -> o.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(o -> o.path("spec").path("replicas").asInt()).sum();
        assertTrue(brokers >= 3, "Kafka brokers: " + brokers);
        for (String s : List.of("escalation-service", "scoring-service")) {
            assertTrue(one(prod, "Deployment", s).path("spec").path("replicas").asInt() >= 2, s + " replicas");
        }
        assertTrue(prod.stream().noneMatch(o -> "Secret".equals(Ids.kind(o))), "prod must not carry Secrets: they come from outside");
    }

    static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(Ids.kind(o)) && name.equals(Ids.name(o))).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " missing"));
    }
}
