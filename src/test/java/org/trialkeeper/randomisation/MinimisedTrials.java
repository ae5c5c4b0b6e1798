package org.trialkeeper.randomisation;

import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The seed trial allocated by minimisation over site, sex, marital status and education at two
 * sites, and participants whose levels vary over every factor, enrolled and randomised over HTTP
 * by several clients at once.
 */
final class MinimisedTrials {

    private MinimisedTrials() {
    }

    static String yaml(String shortName, int participants) {
        return ProtocolFiles.seedVariantYaml(shortName, tree -> {
            tree.put("targetSampleSize", participants);
            tree.put("sites", List.of(Map.of("code", "RAZI", "name", "Razi Hospital, Tehran"),
                    Map.of("code", "ROOZBEH", "name", "Roozbeh Hospital, Tehran")));
            tree.put("randomisation", Map.of("scheme", "minimisation", "minimisingArmProbability", 0.8,
                    "factors", List.of(Map.of("factor", "site", "weight", 2), Map.of("factor", "sex", "weight", 1),
                            Map.of("factor", "marital", "weight", 1), Map.of("factor", "education", "weight", 1))));
        });
    }

    /** Enrols {@code count} participants, their levels drawn from their index; answers their ids in index order. */
    static List<Long> enrol(RecruitingTrial trial, String codePrefix, int count) throws Exception {
        return inParallel(4, count, i -> {
            Random levels = new Random(i);
            return trial.enrol(codePrefix + i, levels.nextInt(3) == 0 ? "ROOZBEH" : "RAZI", Map.of("age", 34,
                    "sex", levels.nextBoolean() ? "female" : "male",
                    "marital", levels.nextInt(3) == 0 ? "single" : "married",
                    "education", levels.nextBoolean() ? "bachelor" : "master-or-higher"));
        });
    }

    /** Randomises the participants from {@code clients} clients at once, each taking the next one left. */
    static void randomise(RecruitingTrial trial, List<Long> participants, int clients) throws Exception {
        inParallel(clients, participants.size(), i -> trial.randomise(participants.get(i), "minimised-" + participants.get(i)));
    }

    /** Runs the work for indexes 0 to count - 1 on so many threads; answers the results in index order. */
    static <T> List<T> inParallel(int threads, int count, IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> work.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
