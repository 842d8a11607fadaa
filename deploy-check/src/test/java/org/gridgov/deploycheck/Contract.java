package org.gridgov.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gridgov.common.contract.Topics;

/**
 * What the code says the topics are: Topics.ALL, a dead-letter topic per consumer in the services'
 * sources, the two topics of each partner department escalation-service seeds, and the report
 * topic of each partner system that deploy/ gives a KafkaUser (label {@code gridgov/partner}).
 */
final class Contract {
    private static final Pattern NAME_CONSTANT = Pattern.compile("String\\s+NAME\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern LITERAL_SUBSCRIBE = Pattern.compile("\\.subscribe\\(\\s*\"([^\"]+)\"");

    private Contract() {
    }

    /** Every topic the deployment must have, with partitions and config. */
    static List<Topics.TopicSpec> topics(Path repoRoot) {
        List<Topics.TopicSpec> all = new ArrayList<>(Topics.ALL);
        for (String consumer : consumers(repoRoot)) {
            all.add(Topics.deadLetterSpec(consumer));
        }
        for (String department : departments(repoRoot)) {
            all.addAll(Topics.departmentSpecs(department));
        }
        for (String partner : partners(repoRoot)) {
            all.add(Topics.partnerSpec(partner));
        }
        return all;
    }

    /** The partner systems deploy/ gives a KafkaUser (label gridgov/partner: code): each needs its report topic. */
    static TreeSet<String> partners(Path repoRoot) {
        TreeSet<String> codes = new TreeSet<>();
        for (var o : partnerUsers(repoRoot)) {
            codes.add(o.path("metadata").path("labels").path("gridgov/partner").asText());
        }
        return codes;
    }

    /** The KafkaUsers of partner systems in deploy/base. */
    static List<com.fasterxml.jackson.databind.node.ObjectNode> partnerUsers(Path repoRoot) {
        return Yaml.objects(repoRoot.resolve("deploy/base/kafka/kafka-users.yaml")).stream()
                .filter(o -> "KafkaUser".equals(o.path("kind").asText()) && o.path("metadata").path("labels").has("gridgov/partner")).toList();
    }

    private static final Pattern DEPARTMENT_ROWS = Pattern.compile("insert into department \\(code, name\\) values([^;]+);");
    private static final Pattern DEPARTMENT_CODE = Pattern.compile("\\(\\s*'([^']+)'\\s*,");

    /** The departments escalation-service's migrations seed (each gets its own task and reply topics). */
    static TreeSet<String> departments(Path repoRoot) {
        TreeSet<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.list(repoRoot.resolve("escalation-service/src/main/resources/db/migration"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher rows = DEPARTMENT_ROWS.matcher(Files.readString(f));
                while (rows.find()) {
                    Matcher code = DEPARTMENT_CODE.matcher(rows.group(1));
                    while (code.find()) {
                        codes.add(code.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /**
     * The consumer names (= consumer groups, = dead-letter topic suffixes) of the services: the
     * NAME constant of each main source that calls {@code consumers.subscribe(NAME, ...)}, or the
     * literal name it passes.
     */
    static TreeSet<String> consumers(Path repoRoot) {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(repoRoot)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String src = Files.readString(f);
                        if (!src.contains("consumers.subscribe(")) {
                            continue;
                        }
                        Matcher literal = LITERAL_SUBSCRIBE.matcher(src);
                        while (literal.find()) {
                            names.add(literal.group(1));
                        }
                        if (src.contains("consumers.subscribe(NAME")) {
                            Matcher m = NAME_CONSTANT.matcher(src);
                            if (!m.find()) {
                                throw new IllegalStateException(f + " subscribes with NAME but declares no String NAME = \"...\"");
                            }
                            names.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
