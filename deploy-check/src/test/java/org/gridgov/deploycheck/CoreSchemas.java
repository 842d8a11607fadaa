package org.gridgov.deploycheck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * Built-in Kubernetes objects against the API models of the Kubernetes Java client
 * (io.kubernetes:client-java-api, generated from the Kubernetes OpenAPI specification). Its
 * deserializer rejects a field the API does not define and a missing required field (the models'
 * validateJsonElement), and a value of the wrong type (an object for a string, "three" for an
 * integer); on top of that a string where the API wants a number or a boolean ({@code replicas:
 * "3"}, which Gson would accept and the API server would not) is reported here.
 */
final class CoreSchemas {
    /** API group of each built-in kind deploy/ may use; a kind not listed has no schema here. */
    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("Namespace", ""), Map.entry("ConfigMap", ""), Map.entry("Secret", ""), Map.entry("Service", ""),
            Map.entry("ServiceAccount", ""), Map.entry("PersistentVolumeClaim", ""), Map.entry("LimitRange", ""),
            Map.entry("ResourceQuota", ""), Map.entry("Deployment", "apps"), Map.entry("StatefulSet", "apps"),
            Map.entry("DaemonSet", "apps"), Map.entry("Job", "batch"), Map.entry("CronJob", "batch"),
            Map.entry("Ingress", "networking.k8s.io"), Map.entry("NetworkPolicy", "networking.k8s.io"),
            Map.entry("PodDisruptionBudget", "policy"), Map.entry("HorizontalPodAutoscaler", "autoscaling"),
            Map.entry("Role", "rbac.authorization.k8s.io"), Map.entry("RoleBinding", "rbac.authorization.k8s.io"));

    private CoreSchemas() {
    }

    /** The model class for apiVersion and kind, or null when there is none. */
    static Class<?> model(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (!GROUPS.containsKey(kind) || !GROUPS.get(kind).equals(group) || !version.matches("v\\d+((alpha|beta)\\d+)?")) {
            return null;
        }
        String cls = "io.kubernetes.client.openapi.models.V" + version.substring(1) + kind;
        try {
            return Class.forName(cls);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    static List<String> validate(JsonNode object) {
        Class<?> model = model(Ids.apiVersion(object), Ids.kind(object));
        return check(object, model);
    }

    /** The metadata of any object, custom resources included. */
    static List<String> metadata(JsonNode object) {
        JsonNode m = object.get("metadata");
        if (m == null || !m.isObject()) {
            return List.of("/metadata: missing");
        }
        List<String> errors = new ArrayList<>();
        for (String e : check(m, V1ObjectMeta.class)) {
            errors.add(e.startsWith("/") ? "/metadata" + e : "/metadata: " + e);
        }
        return errors;
    }

    private static List<String> check(JsonNode value, Class<?> model) {
        List<String> errors = new ArrayList<>();
        Object parsed;
        try {
            parsed = JSON.deserialize(Yaml.json(value), model);
        } catch (RuntimeException e) {
            errors.add(message(e));
            return errors;
        }
        JsonNode back = Yaml.parse(JSON.serialize(parsed), "re-serialized " + model.getSimpleName());
        stringsForScalars(value, back, "", errors);
        return errors;
    }

    /** A string in the manifest where the model has a number or a boolean. */
    private static void stringsForScalars(JsonNode in, JsonNode out, String path, List<String> errors) {
        if (out == null) {
            return;
        }
        if (in.isTextual() && (out.isNumber() || out.isBoolean())) {
            errors.add(path + ": must be " + (out.isBoolean() ? "a boolean" : "a number") + ", not the string \"" + in.asText() + "\"");
        } else if (in.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                stringsForScalars(e.getValue(), out.get(e.getKey()), path + "/" + e.getKey(), errors);
            }
        } else if (in.isArray() && out.isArray()) {
            for (int i = 0; i < in.size() && i < out.size(); i++) {
                stringsForScalars(in.get(i), out.get(i), path + "/" + i, errors);
            }
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        // "The field `foo` in the JSON string is not defined in the `V1Probe` properties. JSON: {...}"
        int json = m.indexOf(". JSON: ");
        if (json > 0) {
            m = m.substring(0, json) + " (in " + abbreviate(m.substring(json + 8)) + ")";
        }
        return m;
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}
