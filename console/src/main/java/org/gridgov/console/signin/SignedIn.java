package org.gridgov.console.signin;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The signed-in user's bearer token for this request: from the OIDC session (authorization-code flow) in
 * production, or from the local sign-in's cookie in the dev and local profiles.
 */
@RequestScoped
public class SignedIn {
    public static final String COOKIE = "gridgov_token";

    private final SecurityIdentity identity;
    private final LocalSignIn local;
    private final HttpServerRequest request;

    SignedIn(SecurityIdentity identity, LocalSignIn local, HttpServerRequest request) {
        this.identity = identity;
        this.local = local;
        this.request = request;
    }

    public Optional<String> token() {
        if (local.enabled()) {
            io.vertx.core.http.Cookie c = request.getCookie(COOKIE);
            return c == null || c.getValue().isBlank() ? Optional.empty() : Optional.of(c.getValue());
        }
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        AccessTokenCredential at = identity.getCredential(AccessTokenCredential.class);
        return at == null ? Optional.empty() : Optional.ofNullable(at.getToken());
    }

    public Optional<TokenClaims> claims() {
        return token().flatMap(TokenClaims::of);
    }

}
