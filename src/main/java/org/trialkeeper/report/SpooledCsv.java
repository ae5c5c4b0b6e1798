package org.trialkeeper.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV export written row by row to a temporary file while its transaction reads, then sent
 * from the file: memory holds a row at a time however large the trial, and the database is
 * not kept waiting on a slow download. The file is deleted as soon as it is open, so nothing
 * of it stays on disk once the response is sent, or if the service stops.
 */
final class SpooledCsv {

    /** The rows of one file, printed in order. */
    @FunctionalInterface
    interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    /** What was written: the stream to send and its length in bytes. */
    record Spooled(InputStream content, long length) {
    }

    private SpooledCsv() {
    }

    static Spooled write(List<String> header, Rows rows) {
        try {
            Path file = Files.createTempFile("export-", ".csv");
            try {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                     CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                             .setHeader(header.toArray(String[]::new)).get())) {
                    rows.print(printer);
                }
                return new Spooled(Files.newInputStream(file), Files.size(file));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
