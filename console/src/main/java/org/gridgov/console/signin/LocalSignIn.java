package org.gridgov.console.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.gridgov.console.config.ConsoleConfig;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The local run's sign-in: pick one of the demo users whose tokens {@code ./run.sh} minted. It exists only in the
 * dev, local and test profiles; anywhere else the console signs users in with OIDC and this is refused (404).
 */
@ApplicationScoped
public class LocalSignIn {
    static final Set<String> PROFILES = Set.of("dev", "local", "test");

    private final ConsoleConfig config;

    LocalSignIn(ConsoleConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return ConfigUtils.getProfiles().stream().anyMatch(PROFILES::contains);
    }

    /** A demo user with her token. */
    public record DemoUser(String envName, String token, TokenClaims claims) {
    }

    /** The demo users of the tokens file, read at each call (the local run writes it after the console started). */
    public List<DemoUser> users() {
        Optional<Path> file = config.demoTokens();
        if (file.isEmpty() || !Files.exists(file.get())) {
            return List.of();
        }
        List<DemoUser> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file.get())) {
                String l = line.strip();
                if (!l.startsWith("export ") || !l.contains("=")) {
                    continue;
                }
                String name = l.substring(7, l.indexOf('='));
                String token = l.substring(l.indexOf('=') + 1).replace("\"", "").replace("'", "");
                TokenClaims.of(token).ifPresent(c -> out.add(new DemoUser(name, token, c)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Optional<DemoUser> user(String id) {
        return users().stream().filter(u -> u.claims().user().equals(id)).findFirst();
    }
}
