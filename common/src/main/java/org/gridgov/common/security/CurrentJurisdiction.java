package org.gridgov.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The caller's {@link Jurisdiction} for this request, built once from the verified token.
 * {@code @Inject CurrentJurisdiction jurisdiction; ... Jurisdiction j = jurisdiction.get();}
 */
@RequestScoped
public class CurrentJurisdiction {

    @Inject
    JsonWebToken jwt;

    private Jurisdiction value;

    public Jurisdiction get() {
        if (value == null) {
            value = Jurisdiction.of(jwt);
        }
        return value;
    }
}
