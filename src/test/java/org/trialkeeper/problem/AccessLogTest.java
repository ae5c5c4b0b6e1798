package org.trialkeeper.problem;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "micronaut.server.netty.access-logger.enabled", value = "true")
class AccessLogTest {

    @Inject
    @Client("/")
    HttpClient http;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("HTTP_ACCESS_LOGGER");

    @BeforeEach
    void listen() {
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        accessLogger.detachAppender(lines);
    }

    @Test
    void everyAnsweredRequestIsOneAccessLineWithItsStatusAndRequestId() {
        http.toBlocking().exchange(HttpRequest.GET("/health").header(RequestIds.HEADER, "access-1"), String.class);

        String line = lineNaming("id=access-1");
        assertTrue(line.contains("\"GET /health HTTP/1.1\" 200"), line);
    }

    /** The line is written once the answer is sent, which the client may see first. */
    private String lineNaming(String text) {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(until)) {
            List<ILoggingEvent> seen;
            synchronized (lines) {
                seen = List.copyOf(lines.list);
            }
            List<String> found = seen.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.contains(text)).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no access line names " + text + " among " + lines.list.size());
    }
}
