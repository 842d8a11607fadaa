package org.gridgov.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource: the service verifies tokens signed by {@link JwtKeys#forTests()}. */
public class JwtResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return JwtKeys.forTests().verifierConfig();
    }

    @Override
    public void stop() {
    }
}
