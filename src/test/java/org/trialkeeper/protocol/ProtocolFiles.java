package org.trialkeeper.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The protocol files shipped in protocols/, for tests. */
public final class ProtocolFiles {

    public static final Path DIRECTORY = Path.of("protocols");
    public static final Path SEED_TRIAL = DIRECTORY.resolve("balint-psychiatric-nurses.yaml");

    private ProtocolFiles() {
    }

    public static List<Path> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed trial's protocol with a change applied to its YAML tree. */
    public static Protocol seedVariant(java.util.function.Consumer<java.util.Map<String, Object>> change) {
        java.util.Map<String, Object> tree = new org.yaml.snakeyaml.Yaml().load(read(SEED_TRIAL));
        change.accept(tree);
        return ProtocolReader.read(new org.yaml.snakeyaml.Yaml().dump(tree));
    }

    /** The seed trial's YAML with a change applied, as text. */
    public static String seedVariantYaml(String shortName, java.util.function.Consumer<java.util.Map<String, Object>> change) {
        java.util.Map<String, Object> tree = new org.yaml.snakeyaml.Yaml().load(read(SEED_TRIAL));
        tree.put("shortName", shortName);
        change.accept(tree);
        return new org.yaml.snakeyaml.Yaml().dump(tree);
    }

    /** The file's text with another short name, so a test can register it more than once. */
    public static String renamed(Path file, String shortName) {
        return read(file).replaceFirst("(?m)^shortName: .*$", "shortName: " + shortName);
    }
}
