package org.trialkeeper.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsortFlowTest {

    private static final List<TrialData.ArmInfo> ARMS = List.of(new TrialData.ArmInfo("G", "Groups", true),
            new TrialData.ArmInfo("W", "Waitlist", false));
    private static final Map<String, String> LABELS = Map.of("G", "Groups", "W", "Waitlist");
    private static final ScoreKey BASELINE = ScoreKey.total("baseline", "Q");
    private static final ScoreKey POST = ScoreKey.total("post", "Q");
    private static final Map<ScoreKey, Double> BOTH = Map.of(BASELINE, 3.0, POST, 4.0);

    private static TrialData.Person person(String arm, Status status, List<TrialData.Event> events, Map<ScoreKey, Double> scores,
                                           Integer attended) {
        return new TrialData.Person("P", "S", List.of(), arm, status, events, status != Status.WITHDRAWN, Map.of(), scores,
                null, attended, false);
    }

    private static ConsortFlow.Flow flow(List<TrialData.Person> people) {
        TrialData data = new TrialData("flow", null, ARMS, List.of(), List.of(new TrialData.OutcomeInfo("Q", null, "Q", "post", true)),
                "baseline", List.of("baseline", "post"), 8, people, 0);
        return ConsortFlow.of(data, List.of("G", "W"), LABELS);
    }

    @Test
    void receiptIsReadFromAttendanceAndTheFollowUpNeverAssumed() {
        ConsortFlow.Flow flow = flow(List.of(
                person("G", Status.RANDOMISED, List.of(), BOTH, 3),
                person("G", Status.RANDOMISED, List.of(), BOTH, 0),
                person("G", Status.RANDOMISED, List.of(), BOTH, null),
                person("G", Status.DID_NOT_RECEIVE, List.of(new TrialData.Event(EventKind.DID_NOT_RECEIVE, "shift work")), BOTH, 1),
                person("W", Status.RANDOMISED, List.of(), BOTH, null),
                person("W", Status.RANDOMISED, List.of(), Map.of(BASELINE, 2.0), null)));
        ConsortFlow.ArmFlow groups = flow.arms().get(0);
        assertEquals(1, groups.received(), "a session attended");
        assertEquals(2, groups.didNotReceive());
        assertEquals(List.of(new ConsortFlow.Reason(Receipt.ATTENDED_NONE, 1), new ConsortFlow.Reason("shift work", 1)),
                groups.didNotReceiveReasons());
        assertEquals(1, groups.receiptNotRecorded(), "no attendance recorded tells nothing");
        ConsortFlow.ArmFlow waitlist = flow.arms().get(1);
        assertEquals(1, waitlist.received(), "on the waitlist until the post-test is in");
        assertEquals(0, waitlist.didNotReceive());
        assertEquals(1, waitlist.receiptNotRecorded(), "a waitlist participant with no post-test yet is not counted as received");
    }

    @Test
    void someoneLostToFollowUpIsInOneBoxOfEachStage() {
        ConsortFlow.Flow flow = flow(List.of(
                person("W", Status.RANDOMISED, List.of(), BOTH, null),
                person("W", Status.LOST_TO_FOLLOW_UP, List.of(new TrialData.Event(EventKind.LOST_TO_FOLLOW_UP, "moved")),
                        Map.of(BASELINE, 2.0), null),
                person("W", Status.WITHDRAWN, List.of(new TrialData.Event(EventKind.WITHDREW_CONSENT, "no time")), BOTH, null),
                person("W", Status.RANDOMISED, List.of(), Map.of(POST, 2.0), null),
                person("W", Status.LOST_TO_FOLLOW_UP, List.of(new TrialData.Event(EventKind.LOST_TO_FOLLOW_UP, "ill")), BOTH, null)));
        ConsortFlow.ArmFlow waitlist = flow.arms().get(1);
        assertEquals(5, waitlist.allocated());
        assertEquals(2, waitlist.completedFollowUp(), "the one lost after the post-test is in the lost box, not here");
        assertEquals(2, waitlist.lostToFollowUp());
        assertEquals(1, waitlist.withdrew());
        assertEquals(2, waitlist.analysed(), "the one lost after the post-test is analysed");
        assertEquals(List.of(new ConsortFlow.Reason("no baseline Q", 1)), waitlist.exclusionReasons(),
                "neither the one lost nor the one withdrawn is listed again");
        assertEquals(2, waitlist.notAnalysedAfterLeaving());
        assertEquals(waitlist.allocated(), waitlist.analysed() + waitlist.excludedFromAnalysis() + waitlist.notAnalysedAfterLeaving());
    }
}
