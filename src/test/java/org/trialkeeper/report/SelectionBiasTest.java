package org.trialkeeper.report;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.trialkeeper.analysis.ScoreKey;
import org.trialkeeper.analysis.SelectionBias;
import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.randomisation.scheme.ConvergenceGuess;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.support.RFigures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trialkeeper.support.RFigures.agrees;

/**
 * Berger and Exner's test on simulated trials of 80 nurses, blocks of 2 and 4 stratified by sex,
 * against R, which works out the convergence guess from the allocations itself and fits lm. In
 * the biased trial the recruiter, knowing the earlier allocations, enrols an older nurse with a
 * higher baseline score the likelier the guess names the intervention.
 */
class SelectionBiasTest {

    private static final int PARTICIPANTS = 80;
    private static final ScoreKey BASELINE_SCORE = ScoreKey.total("baseline", "CD-RISC-25");
    private static final Map<String, String> LABELS = Map.of("BALINT", "Balint groups", "WAITLIST", "Waitlist");

    @SuppressWarnings("unchecked")
    private static final Protocol PROTOCOL = ProtocolFiles.seedVariant(tree -> {
        tree.put("targetSampleSize", PARTICIPANTS);
        Map<String, Object> randomisation = (Map<String, Object>) tree.get("randomisation");
        randomisation.put("scheme", "stratified-blocks");
        randomisation.put("blockSizes", List.of(2, 4));
        randomisation.put("stratifyBy", List.of("sex"));
    });

    /** The simulated trial: its allocations in order, its data, and the same as a CSV for R. */
    private record Simulated(TrialData data, double[] guess, String csv) {
    }

    @Test
    void aRecruiterWhoEnrolsToSuitTheGuessIsFoundAndTheFiguresAgreeWithR() throws IOException {
        Simulated biased = simulate(20, 23);
        SelectionBias.Table table = table(biased);
        agreesWithR(biased, table);
        for (SelectionBias.Row row : table.rows()) {
            assertTrue(row.p() < 0.001 && row.estimate() > 0, row.toString());
        }
    }

    @Test
    void anHonestTrialAgreesWithRToo() throws IOException {
        Simulated honest = simulate(0, 23);
        SelectionBias.Table table = table(honest);
        agreesWithR(honest, table);
        assertTrue(table.rows().stream().allMatch(row -> Math.abs(row.t()) < 3), table.toString());
    }

    @Test
    void anArmWithTooFewOrTheSameGuessForEveryoneHasNoFigures() {
        Simulated small = simulate(8, 5);
        double[] same = new double[small.guess().length];
        java.util.Arrays.fill(same, 0.5);
        SelectionBias.Row row = SelectionBias.of(small.data(), List.of("BALINT", "WAITLIST"), LABELS, same).rows().get(0);
        assertEquals("the guess was the same for everyone", row.reason());
        assertNull(row.estimate());
    }

    private static SelectionBias.Table table(Simulated trial) {
        SelectionBias.Table table = SelectionBias.of(trial.data(), List.of("BALINT", "WAITLIST"), LABELS, trial.guess());
        assertEquals(List.of("age.Balint groups", "age.Waitlist", "CD-RISC-25.Balint groups", "CD-RISC-25.Waitlist"),
                table.rows().stream().map(r -> r.measure() + "." + r.group()).toList());
        return table;
    }

    private static void agreesWithR(Simulated trial, SelectionBias.Table table) throws IOException {
        // a relative path: RFigures reads an argument starting with "/" as a test resource
        Path csv = Files.createTempFile(Files.createDirectories(Path.of("target")), "berger-exner", ".csv");
        try {
            Files.writeString(csv, trial.csv());
            Map<String, Double> r = RFigures.run("/reference/berger-exner.R", Path.of("").toAbsolutePath().relativize(csv.toAbsolutePath()).toString(), "BALINT", "age", "score");
            for (SelectionBias.Row row : table.rows()) {
                String key = (row.measure().equals("age") ? "age" : "score") + "."
                        + (row.group().equals("Waitlist") ? "WAITLIST" : "BALINT") + ".";
                agrees(r, key + "n", row.n());
                agrees(r, key + "estimate", row.estimate());
                agrees(r, key + "se", row.standardError());
                agrees(r, key + "t", row.t());
                agrees(r, key + "df", row.df());
                agrees(r, key + "p", row.p());
            }
        } finally {
            Files.delete(csv);
        }
    }

    /** {@code bias} years of age (and twice as many score points) per unit of the guess of the intervention. */
    private static Simulated simulate(double bias, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Map<String, List<Slot>> lists = SequencePlan.generate(PROTOCOL, rng);
        Map<String, Integer> used = new HashMap<>();
        ConvergenceGuess recruiter = ConvergenceGuess.of(PROTOCOL);
        GuessColumn column = new GuessColumn(PROTOCOL);
        List<TrialData.Person> people = new ArrayList<>();
        StringBuilder csv = new StringBuilder("stratum,arm,age,score\n");
        for (int id = 0; id < PARTICIPANTS; id++) {
            String sex = rng.nextBoolean() ? "female" : "male";
            String stratum = "sex=" + sex;
            double expectsIntervention = recruiter.chances(stratum).get(0);
            double age = Math.round(30 + bias * expectsIntervention + 5 * normal(rng));
            double score = 60 + 2 * bias * expectsIntervention + 10 * normal(rng);
            String arm = lists.get(stratum).get(used.merge(stratum, 1, Integer::sum) - 1).arm();
            recruiter.next(stratum, arm);
            column.add(new Allocations.Ordered(id, stratum, arm));
            people.add(new TrialData.Person("N" + id, "RAZI", List.of(), arm, Status.RANDOMISED, List.of(), true,
                    Map.of("age", age, "sex", sex), Map.of(BASELINE_SCORE, score), null, null, false));
            csv.append(stratum).append(',').append(arm).append(',').append(age).append(',').append(score).append('\n');
        }
        TrialData data = new TrialData("simulated", "IRCT0", List.of(new TrialData.ArmInfo("BALINT", "Balint groups", true),
                new TrialData.ArmInfo("WAITLIST", "Waitlist", false)),
                List.of(new TrialData.Characteristic("age", "Age (years)", true, List.of()),
                        new TrialData.Characteristic("sex", "Sex", false, List.of("female", "male"))),
                List.of(new TrialData.OutcomeInfo("CD-RISC-25", null, "CD-RISC-25", "post", true)),
                "baseline", List.of("baseline", "post"), 8, people, 0);
        return new Simulated(data, column.byPerson(data.people()), csv.toString());
    }

    private static double normal(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
