package org.trialkeeper.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.multipart.CompletedFileUpload;
import org.trialkeeper.trial.ProtocolSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A protocol sent from a page: the chosen file when there is one, else the text typed or pasted
 * in the form. Either way the text is what the page shows again when the protocol is refused.
 */
final class ProtocolUpload {

    static final String YAML = "application/yaml";

    private ProtocolUpload() {
    }

    static ProtocolSource of(@Nullable CompletedFileUpload file, @Nullable String typed) {
        if (file != null && file.getSize() > 0) {
            String name = file.getFilename() == null ? "" : file.getFilename().toLowerCase(Locale.ROOT);
            boolean json = name.endsWith(".json") || file.getContentType().map(type -> type.getName()
                    .equals(MediaType.APPLICATION_JSON)).orElse(false);
            return new ProtocolSource(text(file), json ? MediaType.APPLICATION_JSON : YAML);
        }
        // a browser sends a text area's lines ended by CR LF; the file the text came from had LF
        String text = typed == null ? "" : typed.replace("\r\n", "\n");
        return new ProtocolSource(text, text.stripLeading().startsWith("{") ? MediaType.APPLICATION_JSON : YAML);
    }

    private static String text(CompletedFileUpload file) {
        try {
            return new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
