package org.gridgov.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/**
 * Remembers bearer tokens that SmallRye JWT has verified, so that a phone sending the same token
 * with every request has its RS256 signature and claims checked once, not on every call. A token
 * is taken from here only while it has not expired, and for at most
 * {@code gridgov.security.token-cache.max-age} after it was verified (so a key removed from the
 * JWKS stops working within that time). The key is the whole token, signature included: a token
 * that differs by one character is verified afresh. Size 0 turns the cache off.
 */
@Decorator
@Priority(10)
public class VerifiedTokenCache implements JWTParser {

    private record Verified(JsonWebToken token, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    JWTParser parser;

    @Inject
    TokenCacheConfig config;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        int size = config.size();
        if (size <= 0) {
            return parser.parse(token);
        }
        long now = System.currentTimeMillis();
        Verified v = verified.get(token);
        if (v != null && now < v.until()) {
            return v.token();
        }
        JsonWebToken jwt = parser.parse(token);
        long expires = jwt.getExpirationTime() * 1000L;
        if (expires > now) {
            if (verified.size() >= size) {
                verified.clear(); // simple bound: tokens are cheap to verify again once
            }
            verified.put(token, new Verified(jwt, Math.min(expires, now + config.maxAge().toMillis())));
        } else {
            verified.remove(token);
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
