package org.gridgov.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.gridgov.common.contract.EventType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The event contract's documentation follows the code: every CloudEvents type of
 * {@link EventType} is a message of docs/asyncapi.yaml on a channel whose address is the type's
 * topic, with the type as title and ce_type, and its payload record's schema; every payload
 * schema, in asyncapi.yaml and in docs/schemas, has exactly the record's fields; and the
 * documentation names no v1 type, schema or topic the code does not have (a v2 may stand in the
 * documentation as an example of versioning).
 */
class AsyncApiContractTest {
    static final Path ROOT = Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();
    static final Pattern CE_TYPE = Pattern.compile("org\\.gridgov\\.[a-z]+\\.[a-z-]+\\.v1\\b");

    static JsonNode asyncApi() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docs/asyncapi.yaml").toFile());
    }

    static Set<String> fields(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<Class<?>> payloadRecords() {
        Set<Class<?>> records = new java.util.LinkedHashSet<>();
        for (EventType t : EventType.values()) {
            records.add(t.payloadClass());
            for (var c : t.payloadClass().getRecordComponents()) {
                if (c.getGenericType() instanceof java.lang.reflect.ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e
                        && e.isRecord()) {
                    records.add(e);
                }
            }
        }
        return records;
    }

    /** A node as text, with a {@code $ref} to a component schema replaced by that schema (one level). */
    static String resolved(JsonNode api, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/")
                ? api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())).toString()
                : node.toString();
    }

    @Test
    void everyTypeIsAMessageOnItsTopicWithItsPayload() throws IOException {
        JsonNode api = asyncApi();
        JsonNode messages = api.path("components").path("messages");
        List<String> wrong = new ArrayList<>();
        for (EventType t : EventType.values()) {
            String key = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = messages.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> m = it.next();
                if (t.name().equals(m.getValue().path("name").asText())) {
                    key = m.getKey();
                }
            }
            if (key == null) {
                wrong.add(t + ": no message named " + t.name());
                continue;
            }
            JsonNode m = messages.path(key);
            if (!t.type().equals(m.path("title").asText())) {
                wrong.add(t + ": title " + m.path("title").asText() + ", not " + t.type());
            }
            if (!resolved(api, m.path("headers")).contains("\"" + t.type() + "\"")) {
                wrong.add(t + ": headers do not fix ce_type " + t.type());
            }
            String payload = "#/components/schemas/" + t.payloadClass().getSimpleName();
            if (!payload.equals(m.path("payload").path("$ref").asText())
                    && !m.path("payload").path("allOf").toString().contains("\"" + payload + "\"")) {
                wrong.add(t + ": payload " + m.path("payload") + ", not " + t.payloadClass().getSimpleName());
            }
            List<String> addresses = new ArrayList<>();
            String ref = "#/components/messages/" + key;
            api.path("channels").forEach(ch -> ch.path("messages").forEach(mm -> {
                if (ref.equals(mm.path("$ref").asText())) {
                    addresses.add(ch.path("address").asText());
                }
            }));
            if (!addresses.contains(t.topic())) {
                wrong.add(t + ": on channels " + addresses + ", not on its topic " + t.topic());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyPayloadSchemaHasExactlyTheRecordsFields() throws IOException {
        JsonNode schemas = asyncApi().path("components").path("schemas");
        ObjectMapper json = new ObjectMapper();
        List<String> wrong = new ArrayList<>();
        for (Class<?> record : payloadRecords()) {
            String name = record.getSimpleName();
            Set<String> expected = components(record);
            if (!expected.equals(fields(schemas.path(name)))) {
                wrong.add("asyncapi.yaml " + name + ": " + fields(schemas.path(name)) + ", record: " + expected);
            }
            Path file = ROOT.resolve("docs/schemas/" + name + ".json");
            if (!Files.exists(file)) {
                wrong.add("docs/schemas/" + name + ".json is missing");
                continue;
            }
            JsonNode s = json.readTree(file.toFile());
            if (!expected.equals(fields(s))) {
                wrong.add(file.getFileName() + ": " + fields(s) + ", record: " + expected);
            }
            s.path("required").forEach(r -> {
                if (!expected.contains(r.asText())) {
                    wrong.add(file.getFileName() + ": requires " + r.asText() + ", which the record does not have");
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theDocumentationNamesNothingTheCodeDoesNotHave() throws IOException {
        Set<String> types = Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (Path doc : List.of(ROOT.resolve("docs/asyncapi.yaml"), ROOT.resolve("docs/events.md"))) {
            Matcher m = CE_TYPE.matcher(Files.readString(doc));
            while (m.find()) {
                if (!types.contains(m.group())) {
                    unknown.add(doc.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, "CloudEvents types in the documentation that EventType does not have");
        Set<String> records = payloadRecords().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        try (var files = Files.list(ROOT.resolve("docs/schemas"))) {
            Set<String> stray = files.map(f -> f.getFileName().toString().replace(".json", "")).filter(n -> !records.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(), stray, "schemas in docs/schemas without a payload record");
        }
        Set<String> topics = new TreeSet<>();
        Arrays.stream(EventType.values()).forEach(t -> topics.add(t.topic()));
        topics.add(org.gridgov.common.contract.Topics.DEPARTMENT_TASKS);
        topics.add(org.gridgov.common.contract.Topics.deadLetter("{consumer}"));
        List<String> addresses = new ArrayList<>();
        asyncApi().path("channels").forEach(ch -> addresses.add(ch.path("address").asText()));
        assertTrue(topics.containsAll(addresses), "channel addresses " + addresses + " not all topics of the code " + topics);
    }
}
