package org.gridgov.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The checks are not vacuous: each test breaks one thing in the rendered dev overlay of the
 * repository's deploy/ (not of -Dgridgov.deploy) and expects the error that names it.
 */
class ValidatorSelfTest {
    static DeployCheck check;
    static Path devDir;
    static List<ObjectNode> dev;

    @BeforeAll
    static void load() {
        check = DeployCheck.ofRepository();
        devDir = check.deploy.resolve("overlays/dev");
        dev = Kustomize.build(devDir);
    }

    private static List<String> errorsAfter(Consumer<List<ObjectNode>> change) {
        List<ObjectNode> copy = new ArrayList<>();
        dev.forEach(o -> copy.add(o.deepCopy()));
        change.accept(copy);
        return check.check(copy, DeployCheck.requiredSecrets(devDir), true);
    }

    private static void expect(String fragment, Consumer<List<ObjectNode>> change) {
        List<String> errors = errorsAfter(change);
        assertTrue(errors.stream().anyMatch(e -> e.contains(fragment)), "expected an error containing '" + fragment + "', got " + errors);
    }

    private static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return ManifestsTest.one(objects, kind, name);
    }

    private static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) get(objects, "Deployment", deployment).path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void theDevOverlayItselfIsClean() {
        assertEquals(List.of(), errorsAfter(o -> {
        }));
    }

    @Test
    void unknownFieldInABuiltInObject() {
        expect("`initialDelay`", o -> ((ObjectNode) container(o, "event-service").get("readinessProbe")).put("initialDelay", 5));
    }

    @Test
    void misspeltMetadata() {
        expect("`lables`", o -> ((ObjectNode) get(o, "Service", "grid-service").get("metadata")).putObject("lables").put("a", "b"));
    }

    @Test
    void missingRequiredFieldInABuiltInObject() {
        expect("`name`", o -> container(o, "scoring-service").remove("name"));
    }

    @Test
    void stringWhereTheApiWantsANumber() {
        expect("must be a number, not the string \"2\"", o -> ((ObjectNode) get(o, "Deployment", "scoring-service").get("spec")).put("replicas", "2"));
    }

    @Test
    void wrongTypeInACustomResource() {
        expect("/spec/partitions: must be an integer", o -> ((ObjectNode) get(o, "KafkaTopic", "gridgov.event.lifecycle.v1").get("spec")).put("partitions", "six"));
    }

    @Test
    void unknownFieldInACustomResource() {
        expect("/spec/retention: unknown field", o -> ((ObjectNode) get(o, "KafkaTopic", "gridgov.event.lifecycle.v1").get("spec")).put("retention", "30d"));
    }

    @Test
    void valueOutsideAnEnumOfACustomResource() {
        expect("is not one of", o -> ((ObjectNode) get(o, "Kafka", "gridgov").path("spec").path("kafka").path("listeners").get(0)).put("type", "internel"));
    }

    @Test
    void missingRequiredFieldInACustomResource() {
        expect("required field 'owner' is missing", o -> ((ObjectNode) get(o, "Database", "gridgov-pg-event").get("spec")).remove("owner"));
    }

    @Test
    void versionNotServedByTheCrds() {
        expect("is not served", o -> get(o, "KafkaTopic", "gridgov.scoring.points.v1").put("apiVersion", "kafka.strimzi.io/v1beta2"));
    }

    @Test
    void kindWithoutASchema() {
        expect("no schema for v1 Pod", o -> {
            ObjectNode pod = Yaml.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
            pod.putObject("metadata").put("name", "x").put("namespace", "gridgov-dev");
            o.add(pod);
        });
    }

    @Test
    void topicSettingDiffersFromTheContract() {
        expect("retention.ms is 86400000, the contract says 2592000000",
                o -> ((ObjectNode) get(o, "KafkaTopic", "gridgov.escalation.task.v1").path("spec").path("config")).put("retention.ms", 86400000));
    }

    @Test
    void registryMustStayCompacted() {
        expect("cleanup.policy is delete, the contract says compact",
                o -> ((ObjectNode) get(o, "KafkaTopic", "gridgov.grid.registry.v1").path("spec").path("config")).put("cleanup.policy", "delete"));
    }

    @Test
    void deadLetterTopicOfAConsumerMissing() {
        expect("gridgov.dlt.scoring-service.event-lifecycle has no KafkaTopic",
                o -> o.removeIf(x -> Ids.name(x).equals("gridgov.dlt.scoring-service.event-lifecycle")));
    }

    @Test
    void probeOnTheWrongPath() {
        expect("readinessProbe must be an httpGet of /q/health/ready",
                o -> ((ObjectNode) container(o, "grid-service").path("readinessProbe").path("httpGet")).put("path", "/q/health"));
    }

    @Test
    void missingLimits() {
        expect("resources.limits.memory missing", o -> ((ObjectNode) container(o, "grid-service").path("resources").path("limits")).remove("memory"));
    }

    @Test
    void secretNeitherInTheOverlayNorRequired() {
        expect("Secret scoring-service-db, which is neither in the overlay nor in its required-secrets.txt",
                o -> o.removeIf(x -> "Secret".equals(Ids.kind(x)) && Ids.name(x).equals("scoring-service-db")));
    }

    @Test
    void roleSecretWithAnotherUsername() {
        expect("has the username postgres",
                o -> ((ObjectNode) get(o, "Secret", "event-service-db").get("stringData")).put("username", "postgres"));
    }

    @Test
    void databaseOwnerIsNotAManagedRole() {
        expect("the owner nobody is not a login role", o -> ((ObjectNode) get(o, "Database", "gridgov-pg-grid").get("spec")).put("owner", "nobody"));
    }

    @Test
    void serviceWithAnotherServicesDatabase() {
        expect("no Database resource creates the database scoringdb",
                o -> ((ObjectNode) get(o, "ConfigMap", "scoring-service-config").get("data")).put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://gridgov-pg-rw:5432/scoringdb"));
    }

    @Test
    void servicesMustNotCreateTopics() {
        expect("GRIDGOV_MESSAGING_CREATE_TOPICS must be false",
                o -> ((ObjectNode) get(o, "ConfigMap", "gridgov-common").get("data")).put("GRIDGOV_MESSAGING_CREATE_TOPICS", "true"));
    }

    @Test
    void kafkaBootstrapOfNoListener() {
        expect("KAFKA_BOOTSTRAP_SERVERS=kafka:9092 is not a plain internal listener",
                o -> ((ObjectNode) get(o, "ConfigMap", "gridgov-common").get("data")).put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    }

    @Test
    void moreReplicasThanBrokers() {
        expect("replicas 3 but only 1 brokers", o -> ((ObjectNode) get(o, "KafkaTopic", "gridgov.scoring.points.v1").get("spec")).put("replicas", 3));
    }

    @Test
    void serviceThatMustRunOneReplica() {
    }

    @Test
    void serviceSelectingNoPods() {
        expect("matches no Deployment's pods",
                o -> ((ObjectNode) get(o, "Service", "escalation-service").path("spec").path("selector")).put("app.kubernetes.io/name", "escalation"));
    }

    @Test
    void ingressToAMissingService() {
        expect("backend Service points-service does not exist", o -> ((ObjectNode) get(o, "Ingress", "gridgov").path("spec").path("rules").get(3)
                .path("http").path("paths").get(0).path("backend").path("service")).put("name", "points-service"));
    }

    @Test
    void invalidName() {
        expect("is not a valid DNS-1123", o -> ((ObjectNode) get(o, "ConfigMap", "grid-service-config").get("metadata")).put("name", "Grid_Config"));
    }

    @Test
    void kustomizeFieldOutsideTheSubset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                commonLabels:
                  team: gridgov
                """.formatted(check.deploy.resolve("base")));
        ManifestException e = assertThrows(ManifestException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("field 'commonLabels' is not in the kustomize subset"), e.getMessage());
    }

    @Test
    void patchThatSelectsNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - target:
                      kind: StatefulSet
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 2
                """.formatted(check.deploy.resolve("base")));
        ManifestException e = assertThrows(ManifestException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("selects no resource"), e.getMessage());
    }

    @Test
    void duplicateKeyInYaml(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, "a: 1\na: 2\n");
        assertThrows(ManifestException.class, () -> Yaml.objects(f));
    }

    @Test
    void imagesAreRewrittenLikeKustomize() {
        ObjectNode image = Yaml.MAPPER.createObjectNode().put("name", "gridgov/grid-service").put("newName", "r.example/g/grid-service").put("newTag", "1.2");
        assertEquals("r.example/g/grid-service:1.2", Kustomize.rewrite("gridgov/grid-service:0.1.0-SNAPSHOT", image));
        assertEquals("gridgov/event-service:0.1.0", Kustomize.rewrite("gridgov/event-service:0.1.0", image));
    }
}
