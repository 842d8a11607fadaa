package org.gridgov.console.proxy;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.gridgov.console.config.ConsoleConfig;

/** The four services by the names the front end uses in {@code /api/<name>/...}. */
@ApplicationScoped
public class Backends {
    private final ConsoleConfig config;

    Backends(ConsoleConfig config) {
        this.config = config;
    }

    /** The service's base URI, or empty for a name that is not one of the four. */
    public Optional<URI> base(String name) {
        ConsoleConfig.Services s = config.services();
        String url = switch (name) {
            case "grid" -> s.grid();
            case "event" -> s.event();
            case "escalation" -> s.escalation();
            case "scoring" -> s.scoring();
            default -> null;
        };
        return Optional.ofNullable(url).map(u -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u));
    }
}
