package org.gridgov.deploycheck;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON patch: add, remove, replace, test, move, copy, with RFC 6901 pointers. */
final class JsonPatch {
    private JsonPatch() {
    }

    static void apply(ObjectNode root, ArrayNode ops, String where) {
        int i = 0;
        for (JsonNode op : ops) {
            String w = where + " op " + i++;
            String path = text(op, "path", w);
            switch (text(op, "op", w)) {
                case "add" -> add(root, path, value(op, w), w);
                case "remove" -> remove(root, path, w);
                case "replace" -> {
                    get(root, path, w);
                    remove(root, path, w);
                    add(root, path, value(op, w), w);
                }
                case "test" -> {
                    if (!get(root, path, w).equals(value(op, w))) {
                        throw new ManifestException(w + ": test failed at " + path);
                    }
                }
                case "move" -> {
                    JsonNode v = get(root, text(op, "from", w), w);
                    remove(root, text(op, "from", w), w);
                    add(root, path, v, w);
                }
                case "copy" -> add(root, path, get(root, text(op, "from", w), w).deepCopy(), w);
                default -> throw new ManifestException(w + ": unknown op " + op.path("op").asText());
            }
        }
    }

    private static String text(JsonNode op, String field, String w) {
        if (!op.path(field).isTextual()) {
            throw new ManifestException(w + ": '" + field + "' missing");
        }
        return op.get(field).asText();
    }

    private static JsonNode value(JsonNode op, String w) {
        if (!op.has("value")) {
            throw new ManifestException(w + ": 'value' missing");
        }
        return op.get("value").deepCopy();
    }

    private static List<String> tokens(String pointer, String w) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new ManifestException(w + ": '" + pointer + "' is not a JSON pointer");
        }
        List<String> out = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    static JsonNode get(JsonNode root, String pointer, String w) {
        JsonNode n = root;
        for (String t : tokens(pointer, w)) {
            n = child(n, t, pointer, w);
        }
        return n;
    }

    private static JsonNode child(JsonNode n, String t, String pointer, String w) {
        JsonNode c = null;
        if (n.isObject()) {
            c = n.get(t);
        } else if (n.isArray() && t.matches("\\d+")) {
            c = n.get(Integer.parseInt(t));
        }
        if (c == null) {
            throw new ManifestException(w + ": " + pointer + " does not exist");
        }
        return c;
    }

    private static void add(JsonNode root, String pointer, JsonNode value, String w) {
        List<String> ts = tokens(pointer, w);
        if (ts.isEmpty()) {
            throw new ManifestException(w + ": cannot replace the whole object");
        }
        JsonNode parent = root;
        for (String t : ts.subList(0, ts.size() - 1)) {
            parent = child(parent, t, pointer, w);
        }
        String last = ts.get(ts.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            if (last.equals("-")) {
                a.add(value);
            } else if (last.matches("\\d+") && Integer.parseInt(last) <= a.size()) {
                a.insert(Integer.parseInt(last), value);
            } else {
                throw new ManifestException(w + ": index " + last + " out of range in " + pointer);
            }
        } else {
            throw new ManifestException(w + ": the parent of " + pointer + " is not a container");
        }
    }

    private static void remove(JsonNode root, String pointer, String w) {
        List<String> ts = tokens(pointer, w);
        JsonNode parent = root;
        for (String t : ts.subList(0, ts.size() - 1)) {
            parent = child(parent, t, pointer, w);
        }
        String last = ts.get(ts.size() - 1);
        child(parent, last, pointer, w);
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        }
    }
}
