package org.gridgov.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** YAML in, Jackson trees out; a key twice in one mapping is an error, as it is for kubectl. */
final class Yaml {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {
    }

    /** Every non-empty document of a file; each must be a mapping. */
    static List<ObjectNode> objects(Path file) {
        List<ObjectNode> out = new ArrayList<>();
        int index = 0;
        for (JsonNode doc : documents(file)) {
            index++;
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            if (!doc.isObject()) {
                throw new ManifestException(file + ": document " + index + " is not a mapping");
            }
            out.add((ObjectNode) doc);
        }
        return out;
    }

    /** All documents of a file, empty ones as null. */
    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
            return docs;
        } catch (IOException e) {
            throw new ManifestException(file + ": not valid YAML: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ManifestException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    /** One YAML text (an inline patch). */
    static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ManifestException(where + ": not valid YAML: " + e.getMessage());
        }
    }

    static String json(JsonNode node) {
        try {
            return new ObjectMapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
