package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CONSORT flow: every person screened follows exactly one path through each stage, so
 * the counts add up. Enrolment: assessed = excluded + randomised, the excluded split into not
 * meeting the criteria, declined, and other reasons (enrolled, never randomised). Per arm:
 * allocated = received + did not receive; at follow-up each participant is in one box by how
 * their follow-up ended (completed, lost, discontinued, withdrew consent); and allocated =
 * analysed + excluded from analysis, where the analysis is of complete cases of the primary
 * outcome among those whose data may be used.
 */
public final class ConsortFlow {

    private ConsortFlow() {
    }

    @Serdeable
    public record Reason(String reason, long n) {
    }

    @Serdeable
    public record Excluded(long total, long notMeetingCriteria, List<Reason> criteria, long declined, long otherReasons) {
    }

    /** One arm's path, under the label it is shown with (a neutral one in a blinded report, never its code). */
    @Serdeable
    public record ArmFlow(String label, long allocated, long received, long didNotReceive,
                          List<Reason> didNotReceiveReasons, long completedFollowUp, long lostToFollowUp,
                          List<Reason> lostReasons, long discontinued, List<Reason> discontinuedReasons,
                          long withdrew, List<Reason> withdrewReasons, long analysed, long excludedFromAnalysis,
                          List<Reason> exclusionReasons) {
    }

    @Serdeable
    public record Flow(long assessed, Excluded excluded, long randomised, List<ArmFlow> arms) {
    }

    /** Why a randomised participant is left out of the primary analysis, or null if they are analysed. */
    private static String exclusion(TrialData.Person person, String baselineKey, String postKey, String noBaseline,
                                    String noPost) {
        if ("EXCLUDED_FROM_ANALYSIS".equals(person.status())) {
            return "excluded: " + lastReason(person, "excluded-from-analysis");
        }
        if (!person.keepData()) {
            return "withdrew consent; data not to be used";
        }
        if (!person.scores().containsKey(baselineKey)) {
            return noBaseline;
        }
        if (!person.scores().containsKey(postKey)) {
            return noPost;
        }
        return null;
    }

    /**
     * @param groups the arms' codes in the order to show them (for a blinded report, the order of their neutral labels)
     * @param labels the label each arm is shown under, by code
     */
    public static Flow of(TrialData data, List<String> groups, Map<String, String> labels) {
        long declined = 0;
        long notMeeting = 0;
        long other = 0;
        Map<String, Long> criteria = new TreeMap<>();
        for (TrialData.Person person : data.people()) {
            if (person.randomised()) {
                continue;
            }
            switch (person.screening()) {
                case "INELIGIBLE" -> {
                    notMeeting++;
                    person.failedCriteria().forEach(c -> criteria.merge(c, 1L, Long::sum));
                }
                case "DECLINED" -> declined++;
                default -> other++;
            }
        }
        TrialData.OutcomeInfo primary = data.outcomes().get(0);
        String baselineKey = data.baselineTimepoint() + "/" + primary.key();
        String postKey = primary.timepoint() + "/" + primary.key();
        String noBaseline = "no " + data.baselineTimepoint() + " " + primary.label();
        String noPost = "no " + primary.timepoint() + " " + primary.label();
        List<ArmFlow> arms = new ArrayList<>();
        long randomised = 0;
        for (String code : groups) {
            TrialData.ArmInfo arm = data.arms().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
            Counter didNotReceive = new Counter();
            Counter lost = new Counter();
            Counter discontinued = new Counter();
            Counter withdrew = new Counter();
            Counter excluded = new Counter();
            long allocated = 0;
            for (TrialData.Person person : data.people()) {
                if (!arm.code().equals(person.arm())) {
                    continue;
                }
                allocated++;
                if (hasEvent(person, "did-not-receive")) {
                    didNotReceive.add(lastReason(person, "did-not-receive"));
                }
                switch (person.status()) {
                    case "LOST_TO_FOLLOW_UP" -> lost.add(lastReason(person, "lost-to-follow-up"));
                    case "WITHDRAWN" -> withdrew.add(lastReason(person, "withdrew-consent"));
                    case "DISCONTINUED" -> discontinued.add(lastReason(person, "discontinued"));
                    default -> {
                        // completed follow-up (possibly excluded from analysis later)
                    }
                }
                String why = exclusion(person, baselineKey, postKey, noBaseline, noPost);
                if (why != null) {
                    excluded.add(why);
                }
            }
            randomised += allocated;
            long completed = allocated - lost.total - withdrew.total - discontinued.total;
            arms.add(new ArmFlow(labels.get(arm.code()), allocated, allocated - didNotReceive.total,
                    didNotReceive.total, didNotReceive.reasons(), completed, lost.total, lost.reasons(),
                    discontinued.total, discontinued.reasons(), withdrew.total, withdrew.reasons(),
                    allocated - excluded.total, excluded.total, excluded.reasons()));
        }
        long excludedTotal = notMeeting + declined + other;
        List<Reason> criteriaReasons = criteria.entrySet().stream().map(e -> new Reason(e.getKey(), e.getValue())).toList();
        return new Flow(excludedTotal + randomised, new Excluded(excludedTotal, notMeeting, criteriaReasons, declined, other),
                randomised, arms);
    }

    private static boolean hasEvent(TrialData.Person person, String kind) {
        return person.events().stream().anyMatch(e -> e.kind().equals(kind));
    }

    private static String lastReason(TrialData.Person person, String kind) {
        String reason = "reason not recorded";
        for (TrialData.Event event : person.events()) {
            if (event.kind().equals(kind)) {
                reason = event.reason();
            }
        }
        return reason;
    }

    /** Counts people by reason. */
    private static final class Counter {
        private final Map<String, Long> byReason = new TreeMap<>();
        private long total;

        void add(String reason) {
            byReason.merge(reason, 1L, Long::sum);
            total++;
        }

        List<Reason> reasons() {
            return byReason.entrySet().stream().map(e -> new Reason(e.getKey(), e.getValue())).toList();
        }
    }
}
