package org.gridgov.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.gridgov.testkit.JwtKeys;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The cache of verified tokens, in front of SmallRye JWT's real parser and RS256 keys. */
class VerifiedTokenCacheTest {
    static final JwtKeys KEYS = JwtKeys.forTests();

    /** SmallRye JWT's real parser, counting how often it verifies */
    static class CountingParser {
        final AtomicInteger verified = new AtomicInteger();
        final JWTParser parser;

        CountingParser() {
            JWTAuthContextInfo i = new JWTAuthContextInfo(KEYS.publicKey(), JwtKeys.ISSUER);
            i.setExpectedAudience(Set.of("gridgov"));
            DefaultJWTParser real = new DefaultJWTParser(i);
            parser = (JWTParser) Proxy.newProxyInstance(JWTParser.class.getClassLoader(), new Class<?>[] { JWTParser.class }, (p, m, a) -> {
                verified.incrementAndGet();
                try {
                    return m.invoke(real, a);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    static VerifiedTokenCache cache(CountingParser parser, int size, Duration maxAge) {
        VerifiedTokenCache c = new VerifiedTokenCache();
        c.parser = parser.parser;
        c.config = new TokenCacheConfig() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
        return c;
    }

    @Test
    void aTokenIsVerifiedOnceThenRemembered() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache c = cache(parser, 100, Duration.ofMinutes(5));
        String token = KEYS.token("worker-9", "grid_worker");
        assertEquals("worker-9", c.parse(token).getName());
        assertEquals("worker-9", c.parse(token).getName());
        assertEquals(1, parser.verified.get());
        c.parse(KEYS.token("worker-10", "grid_worker"));
        assertEquals(2, parser.verified.get());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache c = cache(parser, 100, Duration.ofMinutes(5));
        String token = KEYS.token("resident-9", Set.of("resident"), Map.of(), Duration.ofSeconds(1));
        c.parse(token);
        c.parse(token);
        assertEquals(1, parser.verified.get());
        Thread.sleep(2_100);
        try {
            c.parse(token); // the parser decides (with its own clock skew); the cache no longer answers
        } catch (ParseException expiredForTheParserToo) {
            // fine either way
        }
        assertEquals(2, parser.verified.get());
    }

    @Test
    void maxAgeAndSizeBoundTheCache() throws Exception {
        CountingParser parser = new CountingParser();
        String token = KEYS.token("resident-8", "resident");
        VerifiedTokenCache noAge = cache(parser, 100, Duration.ZERO);
        noAge.parse(token);
        noAge.parse(token);
        assertEquals(2, parser.verified.get());
        VerifiedTokenCache off = cache(parser, 0, Duration.ofMinutes(5));
        off.parse(token);
        off.parse(token);
        assertEquals(4, parser.verified.get());
    }

    @Test
    void aForgedTokenIsNeverTakenFromTheCache() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokenCache c = cache(parser, 100, Duration.ofMinutes(5));
        String token = KEYS.token("resident-7", "resident");
        c.parse(token);
        String[] parts = token.split("\\.");
        String admin = KEYS.token("resident-7", "admin").split("\\.")[1];
        assertThrows(ParseException.class, () -> c.parse(parts[0] + "." + admin + "." + parts[2]));
        assertThrows(ParseException.class, () -> c.parse(parts[0] + "." + admin + "." + parts[2]));
    }
}
