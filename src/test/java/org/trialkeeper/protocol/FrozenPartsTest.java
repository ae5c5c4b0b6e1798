package org.trialkeeper.protocol;

import org.junit.jupiter.api.Test;
import org.trialkeeper.problem.Violation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trialkeeper.protocol.ProtocolReaderTest.arm;
import static org.trialkeeper.protocol.ProtocolReaderTest.dump;
import static org.trialkeeper.protocol.ProtocolReaderTest.object;
import static org.trialkeeper.protocol.ProtocolReaderTest.seed;

class FrozenPartsTest {

    private final Protocol original = ProtocolReader.read(dump(seed()));

    @Test
    void titleSampleSizeAndEligibilityMayChange() {
        Map<String, Object> tree = seed();
        tree.put("title", "A new title");
        tree.put("targetSampleSize", 40);
        assertEquals(List.of(), FrozenParts.changedBy(original, ProtocolReader.read(dump(tree))));
    }

    @Test
    void armsAndSchemeMayNot() {
        Map<String, Object> tree = seed();
        arm(tree, 1).put("label", "Usual care");
        object(tree, "randomisation").put("scheme", "permuted-blocks");
        object(tree, "randomisation").put("blockSizes", List.of(4));
        assertEquals(List.of("arms", "randomisation"), FrozenParts.changedBy(original, ProtocolReader.read(dump(tree)))
                .stream().map(Violation::field).toList());
    }

    @Test
    void stratificationFactorsAreFrozenWithTheScheme() {
        Protocol stratified = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve("online-balint-covid.yaml")));
        Map<String, Object> tree = new org.yaml.snakeyaml.Yaml().load(
                ProtocolFiles.read(ProtocolFiles.DIRECTORY.resolve("online-balint-covid.yaml")));
        ProtocolReaderTest.list(tree, "sites").remove(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> profession = (Map<String, Object>) ProtocolReaderTest.list(tree, "baseline").get(2);
        profession.put("levels", List.of("physician", "nurse"));
        assertEquals(List.of("sites", "baseline.profession"),
                FrozenParts.changedBy(stratified, ProtocolReader.read(dump(tree))).stream().map(Violation::field).toList());
    }
}
