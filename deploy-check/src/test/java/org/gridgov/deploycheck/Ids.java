package org.gridgov.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

/** How objects are named in messages and matched: group/version, kind, namespace, name. */
final class Ids {
    private Ids() {
    }

    static String apiVersion(JsonNode o) {
        return o.path("apiVersion").asText("");
    }

    static String group(JsonNode o) {
        String av = apiVersion(o);
        int slash = av.indexOf('/');
        return slash < 0 ? "" : av.substring(0, slash);
    }

    static String version(JsonNode o) {
        String av = apiVersion(o);
        int slash = av.indexOf('/');
        return slash < 0 ? av : av.substring(slash + 1);
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText("");
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText("");
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    /** Unique within one rendering, as kustomize's resource id: group, kind, namespace, name. */
    static String key(JsonNode o) {
        return group(o) + "|" + kind(o) + "|" + namespace(o) + "|" + name(o);
    }

    /** For messages: {@code Deployment gridgov-dev/event-service}. */
    static String describe(JsonNode o) {
        String ns = namespace(o);
        return kind(o) + " " + (ns.isEmpty() ? "" : ns + "/") + name(o);
    }
}
