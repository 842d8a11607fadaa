package org.gridgov.escalation.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) and a real HTTP SMS gateway (the JDK's HttpServer) inside the test JVM, for the notification
 * channels. The gateway answers 500 for numbers ending in 2, 204 otherwise, and keeps what it was sent.
 */
public class MailAndSmsResource implements QuarkusTestResourceLifecycleManager {
    public static GreenMail mail;
    public static final List<String> SMS = new CopyOnWriteArrayList<>();
    private static HttpServer gateway;

    @Override
    public Map<String, String> start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try {
            gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        gateway.createContext("/sms", x -> {
            String body;
            try (InputStream in = x.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            boolean authorised = "Bearer test-sms-key".equals(x.getRequestHeaders().getFirst("Authorization"));
            SMS.add(body);
            x.sendResponseHeaders(!authorised ? 401 : body.contains("2\",\"text\"") ? 500 : 204, -1);
            x.close();
        });
        gateway.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(mail.getSmtp().getPort()),
                "gridgov.notification.sms.url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms",
                "gridgov.notification.sms.api-key", "test-sms-key");
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
    }
}
