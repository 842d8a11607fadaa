package org.gridgov.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The openAPIV3Schema of every served version of the CustomResourceDefinitions in a directory,
 * and a validator for them that behaves like the API server with strict field validation
 * (kubectl's default): a field that the schema does not declare is an error unless the schema says
 * {@code x-kubernetes-preserve-unknown-fields} or has {@code additionalProperties}. It understands
 * type, nullable, x-kubernetes-int-or-string, x-kubernetes-embedded-resource, enum, pattern,
 * min/maxLength, minimum/maximum (exclusive too), min/maxItems, uniqueItems, x-kubernetes-list-type
 * (set, map with its keys), min/maxProperties, required, allOf, anyOf, oneOf and not. It does not
 * evaluate x-kubernetes-validations (CEL rules) or formats; the API server checks those at apply time.
 */
final class CrdSchemas {
    private final Map<String, JsonNode> schemas = new HashMap<>();
    private final Set<String> crdFiles = new HashSet<>();

    private CrdSchemas() {
    }

    static CrdSchemas load(Path dir) {
        CrdSchemas s = new CrdSchemas();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (ObjectNode crd : Yaml.objects(f)) {
                    if (!"CustomResourceDefinition".equals(Ids.kind(crd))) {
                        continue;
                    }
                    s.crdFiles.add(f.getFileName().toString());
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode v : crd.path("spec").path("versions")) {
                        if (v.path("served").asBoolean(false) && v.path("schema").has("openAPIV3Schema")) {
                            s.schemas.put(group + "/" + v.path("name").asText() + "|" + kind, v.path("schema").path("openAPIV3Schema"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (s.schemas.isEmpty()) {
            throw new IllegalStateException("no CustomResourceDefinition in " + dir);
        }
        return s;
    }

    boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(apiVersion + "|" + kind);
    }

    boolean knowsGroup(String group) {
        return schemas.keySet().stream().anyMatch(k -> k.startsWith(group + "/"));
    }

    int size() {
        return schemas.size();
    }

    /** Errors of one custom resource ({@code metadata} is checked by {@link CoreSchemas#metadata}). */
    List<String> validate(JsonNode object) {
        JsonNode schema = schemas.get(Ids.apiVersion(object) + "|" + Ids.kind(object));
        List<String> errors = new ArrayList<>();
        // the API server validates metadata itself (CoreSchemas.metadata does here); the CRD only says it is an object
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.putObject("metadata");
        validate(copy, schema, "", errors, true);
        return errors;
    }

    /**
     * @param strict true in the structural schema (unknown fields are errors), false inside allOf,
     *               anyOf, oneOf and not, which only validate values
     */
    static void validate(JsonNode value, JsonNode schema, String path, List<String> errors, boolean strict) {
        String at = path.isEmpty() ? "/" : path;
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(at + ": null is not allowed");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(at + ": must be an integer or a string, not " + describe(value));
                return;
            }
        } else if (schema.has("type")) {
            String type = schema.get("type").asText();
            boolean ok = switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> true;
            };
            if (!ok) {
                errors.add(at + ": must be " + article(type) + ", not " + describe(value));
                return;
            }
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= sameValue(e, value);
            }
            if (!found) {
                errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("pattern")) {
                try {
                    if (!Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
                        errors.add(at + ": '" + s + "' does not match " + schema.get("pattern").asText());
                    }
                } catch (PatternSyntaxException e) {
                    // an RE2 construct Java does not read: the API server checks it
                }
            }
            if (schema.has("minLength") && s.codePointCount(0, s.length()) < schema.get("minLength").asInt()) {
                errors.add(at + ": shorter than " + schema.get("minLength").asInt());
            }
            if (schema.has("maxLength") && s.codePointCount(0, s.length()) > schema.get("maxLength").asInt()) {
                errors.add(at + ": longer than " + schema.get("maxLength").asInt());
            }
        }
        if (value.isNumber()) {
            double d = value.asDouble();
            if (schema.has("minimum")) {
                double min = schema.get("minimum").asDouble();
                boolean excl = schema.path("exclusiveMinimum").asBoolean(false);
                if (excl ? d <= min : d < min) {
                    errors.add(at + ": " + value + " is less than " + (excl ? "or equal to " : "") + schema.get("minimum"));
                }
            }
            if (schema.has("maximum")) {
                double max = schema.get("maximum").asDouble();
                boolean excl = schema.path("exclusiveMaximum").asBoolean(false);
                if (excl ? d >= max : d > max) {
                    errors.add(at + ": " + value + " is greater than " + (excl ? "or equal to " : "") + schema.get("maximum"));
                }
            }
        }
        if (value.isArray()) {
            array(value, schema, path, at, errors, strict);
        }
        if (value.isObject()) {
            object(value, schema, path, at, errors, strict);
        }
        combinators(value, schema, path, at, errors);
    }

    private static void array(JsonNode value, JsonNode schema, String path, String at, List<String> errors, boolean strict) {
        int n = value.size();
        if (schema.has("minItems") && n < schema.get("minItems").asInt()) {
            errors.add(at + ": fewer than " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && n > schema.get("maxItems").asInt()) {
            errors.add(at + ": more than " + schema.get("maxItems").asInt() + " items");
        }
        String listType = schema.path("x-kubernetes-list-type").asText("");
        if (schema.path("uniqueItems").asBoolean(false) || listType.equals("set")) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : value) {
                if (!seen.add(item)) {
                    errors.add(at + ": " + item + " is listed twice");
                }
            }
        }
        if (listType.equals("map")) {
            Set<List<JsonNode>> seen = new HashSet<>();
            for (JsonNode item : value) {
                List<JsonNode> key = new ArrayList<>();
                schema.path("x-kubernetes-list-map-keys").forEach(k -> key.add(item.path(k.asText())));
                if (!seen.add(key)) {
                    errors.add(at + ": two items with the key " + key);
                }
            }
        }
        if (schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(item, schema.get("items"), path + "/" + i++, errors, strict);
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, String at, List<String> errors, boolean strict) {
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = schema.path("x-kubernetes-embedded-resource").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "/" + e.getKey();
            if (props.has(e.getKey())) {
                validate(e.getValue(), props.get(e.getKey()), p, errors, strict);
            } else if (additional != null && additional.isObject()) {
                validate(e.getValue(), additional, p, errors, strict);
            } else if (additional != null && additional.isBoolean()) {
                if (!additional.asBoolean()) {
                    errors.add(p + ": unknown field");
                }
            } else if (preserve || (embedded && Set.of("apiVersion", "kind", "metadata").contains(e.getKey()))) {
                // allowed
            } else if (strict) {
                errors.add(p + ": unknown field (the schema knows " + fieldNames(props) + ")");
            }
        }
        for (JsonNode r : schema.path("required")) {
            if (!value.hasNonNull(r.asText())) {
                errors.add(at + ": required field '" + r.asText() + "' is missing");
            }
        }
        if (schema.has("minProperties") && value.size() < schema.get("minProperties").asInt()) {
            errors.add(at + ": fewer than " + schema.get("minProperties").asInt() + " fields");
        }
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            errors.add(at + ": more than " + schema.get("maxProperties").asInt() + " fields");
        }
    }

    private static void combinators(JsonNode value, JsonNode schema, String path, String at, List<String> errors) {
        for (JsonNode sub : schema.path("allOf")) {
            validate(value, sub, path, errors, false);
        }
        if (schema.has("anyOf")) {
            List<String> first = null;
            boolean any = false;
            for (JsonNode sub : schema.get("anyOf")) {
                List<String> e = new ArrayList<>();
                validate(value, sub, path, e, false);
                any |= e.isEmpty();
                first = first == null ? e : first;
            }
            if (!any) {
                errors.add(at + ": matches none of anyOf (first: " + first + ")");
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode sub : schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                validate(value, sub, path, e, false);
                matching += e.isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                errors.add(at + ": matches " + matching + " of oneOf " + schema.get("oneOf") + ", must match exactly one");
            }
        }
        if (schema.has("not")) {
            List<String> e = new ArrayList<>();
            validate(value, schema.get("not"), path, e, false);
            if (e.isEmpty()) {
                errors.add(at + ": must not match " + schema.get("not"));
            }
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static List<String> fieldNames(JsonNode props) {
        List<String> names = new ArrayList<>();
        props.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string \"" + v.asText() + "\"";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.getNodeType().name().toLowerCase() + " " + v;
    }
}
