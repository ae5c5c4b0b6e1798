package org.trialkeeper.randomisation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An outsider's check of the randomisation: trials of every scheme run to lock over HTTP, their
 * sequence exports and the commitments published when recruitment opened handed to the verifier
 * of src/verifier/python, which must agree with each as it is and name what differs in each
 * export altered in one place.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsiderVerificationTest {

    private static final String SIMPLE = "simple 2:1";
    private static final String BLOCKS = "permuted blocks of 2, 4 and 6";
    private static final String UNEQUAL_BLOCKS = "permuted blocks of 3 and 6, 2:1";
    private static final String STRATIFIED = "blocks of 2 and 4 stratified by site and sex";
    private static final String MINIMISATION = "minimisation over site, sex, marital status and education";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @TempDir
    Path files;

    /** Each trial's sequence export and its commitment, as the service answered them. */
    private final Map<String, List<String>> published = new LinkedHashMap<>();

    @BeforeAll
    void trialsOfEverySchemeRunToLock() throws Exception {
        run(SIMPLE, 30, 24, randomisation("simple", null), this::twoToOne);
        run(BLOCKS, 30, 24, randomisation("permuted-blocks", List.of(2, 4, 6)), tree -> { });
        run(UNEQUAL_BLOCKS, 30, 24, randomisation("permuted-blocks", List.of(3, 6)), this::twoToOne);
        Map<String, Object> stratified = randomisation("stratified-blocks", List.of(2, 4));
        stratified.put("stratifyBy", List.of("site", "sex"));
        run(STRATIFIED, 20, 36, stratified, tree -> { });
        published.put(MINIMISATION, lockedAfter(new RecruitingTrial(http, MinimisedTrials.yaml(Api.unique("outsider"), 40)), 30));
    }

    @Test
    void theVerifierAgreesWithTheExportOfEveryScheme() throws Exception {
        List<Runnable> checks = new ArrayList<>();
        for (Map.Entry<String, List<String>> trial : published.entrySet()) {
            OutsiderVerifier.Run run = verify(trial.getValue().get(0), trial.getValue().get(1));
            checks.add(() -> assertEquals(0, run.exitCode(), trial.getKey() + ": " + run.output()));
            checks.add(() -> assertTrue(run.output().startsWith("everything agrees"), run.output()));
            String receipted = "\n" + allocationCount(trial.getValue().get(0)) + " allocation receipt(s) recomputed";
            checks.add(() -> assertTrue(run.output().contains(receipted), run.output()));
        }
        assertAll(checks.stream().map(check -> check::run));
    }

    @Test
    void anExportAlteredInOnePlaceIsRejectedNamingWhatDiffers() throws Exception {
        List<Runnable> checks = new ArrayList<>();
        checks.add(altered(BLOCKS, export -> slot(export, 0, 4).put("arm", otherArm(slot(export, 0, 4))),
                "stratum all, slot 5: the export's arm is"));
        checks.add(altered(BLOCKS, export -> allocation(export, 3).put("arm", otherArm(allocation(export, 3))),
                "allocation 3 is "));
        checks.add(altered(BLOCKS, export -> allocation(export, 4).put("position", 9),
                "allocation 4 used all #9, but the next slot of its stratum was #4"));
        checks.add(altered(STRATIFIED, export -> slots(export, 1).add(2, slots(export, 1).remove(3)),
                "slot 3: the export's position is 4, the seed gives 3"));
        checks.add(altered(STRATIFIED, export -> slot(export, 0, 0).put("blockSize", 6),
                "slot 1: the export's block size is 6"));
        checks.add(altered(UNEQUAL_BLOCKS, export -> settings(export).put("blockSizes", List.of(3, 9)),
                "the commitment recomputed from the export's seed, settings and lists is"));
        checks.add(altered(SIMPLE, export -> export.put("seed", flipped((String) export.get("seed"))),
                "the commitment recomputed from the export's seed, settings and lists is"));
        checks.add(alteredCommitment(MINIMISATION, "but the published commitment is"));
        checks.add(altered(MINIMISATION, export -> allocation(export, 10).put("arm", otherArm(allocation(export, 10))),
                "allocation 10 is ", "but the decision replayed from the seed is"));
        checks.add(altered(STRATIFIED, export -> allocations(export).remove(4),
                "allocation 5 is missing from the export"));
        checks.add(altered(BLOCKS, export -> receipt(allocation(export, 7)).put("chainSeq",
                        receipt(allocation(export, 6)).get("chainSeq")),
                "the receipt of allocation 7 is ", "hashes to", "that an earlier allocation's receipt names"));
        checks.add(altered(MINIMISATION, export -> allocation(export, 12).put("allocatedAt", "2031-01-01T00:00:00Z"),
                "the receipt of allocation 12 is "));
        checks.add(altered(SIMPLE, export -> allocation(export, 5).remove("receipt"),
                "allocation 5 has no receipt, though allocation 1 before it has one"));
        assertAll(checks.stream().map(check -> check::run));
    }

    private void run(String name, int target, int participants, Map<String, Object> randomisation,
                     Consumer<Map<String, Object>> change) throws Exception {
        String yaml = ProtocolFiles.seedVariantYaml(Api.unique("outsider"), tree -> {
            tree.put("targetSampleSize", target);
            tree.put("sites", List.of(Map.of("code", "RAZI", "name", "Razi Hospital, Tehran"),
                    Map.of("code", "ROOZBEH", "name", "Roozbeh Hospital, Tehran")));
            tree.put("randomisation", randomisation);
            change.accept(tree);
        });
        published.put(name, lockedAfter(new RecruitingTrial(http, yaml), participants));
    }

    /** The commitment as published when recruitment opened, then the export after so many allocations and lock. */
    private List<String> lockedAfter(RecruitingTrial trial, int participants) throws Exception {
        String commitment = trial.investigator.retrieve(HttpRequest.GET(trial.path("/randomisation/commitment")));
        MinimisedTrials.randomise(trial, MinimisedTrials.enrol(trial, "V-", participants), 2);
        trial.move("FOLLOW_UP");
        trial.move("LOCKED");
        return List.of(trial.statistician.retrieve(HttpRequest.GET(trial.path("/randomisation/sequence"))), commitment);
    }

    private static Map<String, Object> randomisation(String scheme, List<Integer> blockSizes) {
        Map<String, Object> randomisation = new LinkedHashMap<>();
        randomisation.put("scheme", scheme);
        if (blockSizes != null) {
            randomisation.put("blockSizes", blockSizes);
        }
        return randomisation;
    }

    @SuppressWarnings("unchecked")
    private void twoToOne(Map<String, Object> tree) {
        ((List<Map<String, Object>>) tree.get("arms")).get(0).put("ratio", 2);
    }

    private Runnable altered(String trial, Consumer<Map<String, Object>> change, String... named) throws Exception {
        Map<String, Object> export = json.readValue(published.get(trial).get(0), Map.class);
        change.accept(export);
        return rejected(trial, verify(json.writeValueAsString(export), published.get(trial).get(1)), named);
    }

    private Runnable alteredCommitment(String trial, String named) throws Exception {
        Map<String, Object> commitment = json.readValue(published.get(trial).get(1), Map.class);
        commitment.put("commitment", flipped((String) commitment.get("commitment")));
        return rejected(trial, verify(published.get(trial).get(0), json.writeValueAsString(commitment)), named);
    }

    private static Runnable rejected(String trial, OutsiderVerifier.Run run, String... named) {
        return () -> {
            assertEquals(1, run.exitCode(), trial + ": " + run.output());
            for (String words : named) {
                assertTrue(run.output().contains(words), trial + " should name \"" + words + "\": " + run.output());
            }
        };
    }

    private OutsiderVerifier.Run verify(String export, String commitment) throws Exception {
        Path exportFile = Files.createTempFile(files, "export", ".json");
        Path commitmentFile = Files.createTempFile(files, "commitment", ".json");
        Files.writeString(exportFile, export);
        Files.writeString(commitmentFile, commitment);
        return OutsiderVerifier.verify(exportFile, commitmentFile);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> slots(Map<String, Object> export, int stratum) {
        List<Map<String, Object>> strata = (List<Map<String, Object>>) export.get("strata");
        return (List<Map<String, Object>>) strata.get(stratum).get("slots");
    }

    private static Map<String, Object> slot(Map<String, Object> export, int stratum, int index) {
        return slots(export, stratum).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allocations(Map<String, Object> export) {
        return (List<Map<String, Object>>) export.get("allocations");
    }

    private static Map<String, Object> allocation(Map<String, Object> export, int number) {
        return allocations(export).stream().filter(a -> ((Number) a.get("number")).intValue() == number)
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> receipt(Map<String, Object> allocation) {
        return (Map<String, Object>) allocation.get("receipt");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(Map<String, Object> export) {
        return (Map<String, Object>) export.get("settings");
    }

    private int allocationCount(String export) throws Exception {
        return allocations(json.readValue(export, Map.class)).size();
    }

    private static String otherArm(Map<String, Object> holder) {
        return "BALINT".equals(holder.get("arm")) ? "WAITLIST" : "BALINT";
    }

    /** The text with its first hexadecimal digit changed. */
    private static String flipped(String hex) {
        return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
    }
}
