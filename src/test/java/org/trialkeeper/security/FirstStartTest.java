package org.trialkeeper.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A first start on an empty database, without TRIALKEEPER_ADMIN_PASSWORD. */
class FirstStartTest {

    @Test
    void withoutAConfiguredPasswordTheAdministratorGetsAOneTimePasswordLoggedOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(FirstAdministrator.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        Map<String, Object> firstStart = Map.of("trialkeeper.admin-password", "",
                "trialkeeper.embedded-db.database", "trialkeeper_first_start", "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, firstStart, "test");
             HttpClient http = HttpClient.create(server.getURL())) {
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, lines.size(), lines.toString());
            Matcher password = Pattern.compile("one-time password (\\S+)").matcher(lines.get(0));
            assertTrue(password.find(), lines.get(0));
            Map<?, ?> answer = http.toBlocking().retrieve(HttpRequest.POST("/api/login",
                    Map.of("username", "admin", "password", password.group(1))), Map.class);
            assertEquals(true, answer.get("mustChangePassword"));
        }
        try (EmbeddedServer again = ApplicationContext.run(EmbeddedServer.class, firstStart, "test")) {
            assertEquals(1, log.list.size(), "the password is logged at the first start only");
        } finally {
            logger.detachAppender(log);
        }
    }
}
