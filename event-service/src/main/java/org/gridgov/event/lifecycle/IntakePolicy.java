package org.gridgov.event.lifecycle;

import java.util.Set;


import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which channels' reports are accepted (立案) on intake. Grid workers, visits, hotline operators and
 * partner systems have screened what they send; residents' reports from the app, the web and
 * Open311 wait for an operator of the command centre to accept, reject or merge them.
 */
@ApplicationScoped
public class IntakePolicy {
    @jakarta.inject.Inject
    org.gridgov.event.config.EventConfig config;

    public boolean acceptsOnIntake(org.gridgov.common.contract.Channel channel) {
        return config.intake().autoAcceptChannels().contains(channel);
    }
}
