package org.gridgov.event.event;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which channels' reports are accepted (立案) on intake. Grid workers, visits, hotline operators and
 * partner systems have screened what they send; residents' reports from the app, the web and
 * Open311 wait for an operator of the command centre to accept, reject or merge them.
 */
@ApplicationScoped
public class IntakePolicy {
    @ConfigProperty(name = "gridgov.event.intake.auto-accept-channels", defaultValue = "GRID_PATROL,VISIT,HOTLINE_12345,PARTNER")
    Set<String> autoAccept;

    public boolean acceptsOnIntake(String channel) {
        return autoAccept.contains(channel);
    }
}
