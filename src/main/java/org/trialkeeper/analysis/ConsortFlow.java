package org.trialkeeper.analysis;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The CONSORT flow: every person screened follows exactly one path through each stage, so
 * the counts add up. Enrolment: assessed = excluded + randomised, the excluded split into not
 * meeting the criteria, declined, and other reasons (enrolled, never randomised). Per arm:
 * allocated = received + did not receive + receipt not recorded, from what was recorded (see
 * {@link Receipt}); at follow-up each participant is in one box by how their follow-up ended
 * (completed, lost, discontinued, withdrew consent); and allocated = analysed + excluded from
 * analysis + not analysed after a loss or withdrawal already shown at follow-up, where the
 * analysis is of complete cases of the primary outcome among those whose data may be used.
 */
public final class ConsortFlow {

    static final String NOT_RECORDED = "reason not recorded";

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
                          List<Reason> didNotReceiveReasons, long receiptNotRecorded, long completedFollowUp,
                          long lostToFollowUp, List<Reason> lostReasons, long discontinued,
                          List<Reason> discontinuedReasons, long withdrew, List<Reason> withdrewReasons, long analysed,
                          long excludedFromAnalysis, List<Reason> exclusionReasons, long notAnalysedAfterLeaving) {
    }

    @Serdeable
    public record Flow(long assessed, Excluded excluded, long randomised, List<ArmFlow> arms) {
    }

    /**
     * @param groups the arms' codes in the order to show them (for a blinded report, the order of their neutral labels)
     * @param labels the label each arm is shown under, by code
     */
    public static Flow of(TrialData data, List<String> groups, Map<String, String> labels) {
        PrimaryAnalysis analysis = PrimaryAnalysis.of(data);
        Receipt receipt = Receipt.of(data);
        List<ArmFlow> arms = new ArrayList<>();
        for (String code : groups) {
            TrialData.ArmInfo arm = data.arms().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
            int inArm = data.people().armCode(arm.code());
            arms.add(armFlow(data.people(), person -> inArm != Cohort.NONE && data.people().arms[person] == inArm,
                    labels.get(arm.code()), analysis, receipt));
        }
        return flow(data, arms);
    }

    /**
     * Everyone randomised as one column under the label given, whatever their arms: the flow of a
     * blinded report, in which no count is split by arm.
     */
    public static Flow pooled(TrialData data, String label) {
        return flow(data, List.of(armFlow(data.people(), data.people()::randomised, label, PrimaryAnalysis.of(data),
                Receipt.pooled(data))));
    }

    private static Flow flow(TrialData data, List<ArmFlow> arms) {
        Excluded excluded = excluded(data.people());
        long randomised = arms.stream().mapToLong(ArmFlow::allocated).sum();
        return new Flow(excluded.total() + randomised, excluded, randomised, arms);
    }

    /** Everyone screened but never randomised, by how screening ended. */
    private static Excluded excluded(Cohort people) {
        long declined = 0;
        long notMeeting = 0;
        long other = 0;
        Counter criteria = new Counter();
        for (int person = 0; person < people.size(); person++) {
            if (people.randomised(person)) {
                continue;
            }
            switch (people.status(person).screening()) {
                case INELIGIBLE -> {
                    notMeeting++;
                    people.failedCriteria(person).forEach(criteria::add);
                }
                case DECLINED -> declined++;
                default -> other++;
            }
        }
        return new Excluded(notMeeting + declined + other, notMeeting, criteria.reasons(), declined, other);
    }

    private static ArmFlow armFlow(Cohort people, IntPredicate inColumn, String label,
                                   PrimaryAnalysis analysis, Receipt receipt) {
        Counter didNotReceive = new Counter();
        Counter lost = new Counter();
        Counter discontinued = new Counter();
        Counter withdrew = new Counter();
        Counter excluded = new Counter();
        long allocated = 0;
        long received = 0;
        long notRecorded = 0;
        long leftBefore = 0;
        for (int person = 0; person < people.size(); person++) {
            if (!inColumn.test(person)) {
                continue;
            }
            allocated++;
            String notReceived = receipt.notReceived(people, person);
            if (notReceived != null) {
                didNotReceive.add(notReceived);
            } else if (receipt.received(people, person)) {
                received++;
            } else {
                notRecorded++;
            }
            switch (people.status(person)) {
                case LOST_TO_FOLLOW_UP -> lost.add(why(people, person));
                case WITHDRAWN -> withdrew.add(why(people, person));
                case DISCONTINUED -> discontinued.add(why(people, person));
                default -> {
                    // completed follow-up (possibly excluded from analysis later)
                }
            }
            String why = analysis.exclusion(people, person);
            if (why != null && leftFollowUp(people.status(person))) {
                leftBefore++;
            } else if (why != null) {
                excluded.add(why);
            }
        }
        long completed = allocated - lost.total - withdrew.total - discontinued.total;
        return new ArmFlow(label, allocated, received, didNotReceive.total, didNotReceive.reasons(), notRecorded,
                completed, lost.total, lost.reasons(), discontinued.total, discontinued.reasons(), withdrew.total,
                withdrew.reasons(), allocated - excluded.total - leftBefore, excluded.total, excluded.reasons(), leftBefore);
    }

    /**
     * Whether the follow-up box already shows the person as gone: lost or withdrawn. Their missing
     * outcome is not listed again as an exclusion from analysis, so that each is in one place.
     */
    private static boolean leftFollowUp(Status status) {
        return status == Status.LOST_TO_FOLLOW_UP || status == Status.WITHDRAWN;
    }

    /** Why the person is in their status: the reason of the last event of the kind that moves there. */
    static String why(Cohort people, int person) {
        return people.lastReason(person, people.status(person).reachedBy().orElseThrow(), NOT_RECORDED);
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
