package org.trialkeeper.problem;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's own logback.xml, read into a fresh logging context with the format it is given. */
class LogFormatTest {

    @Test
    void jsonFormatWritesOneParseableObjectALineWithTheRequestId() throws Exception {
        String line = logged("json");

        Map<?, ?> event = JsonMapper.createDefault().readValue(line, Map.class);
        assertEquals("INFO", event.get("level"));
        assertEquals("randomised participant 7", event.get("formattedMessage"));
        assertEquals("req-json-1", ((Map<?, ?>) event.get("mdc")).get("requestId"));
    }

    @Test
    void plainTextIsTheDefaultAndNamesTheRequestId() throws Exception {
        String line = logged(null);

        assertTrue(line.matches("\\S+Z INFO  signals\\.test req-json-1 - randomised participant 7"), line);
    }

    private static String logged(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        // the MDC that org.slf4j.MDC writes to
        context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
        context.start();
        if (format != null) {
            context.putProperty("TRIALKEEPER_LOG_FORMAT", format);
        }
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            MDC.put(RequestIds.KEY, "req-json-1");
            context.getLogger("signals.test").info("randomised participant {}", 7);
        } finally {
            MDC.remove(RequestIds.KEY);
            System.setOut(console);
            context.stop();
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, String.join("\n", lines));
        return lines[0];
    }
}
