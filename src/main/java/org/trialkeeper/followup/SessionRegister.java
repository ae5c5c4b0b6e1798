package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.trial.TrialService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's register: everyone in the intervention arm, present or absent, recorded at once in
 * one transaction, so that a register either lands whole or not at all.
 */
@Singleton
class SessionRegister {

    /** The most participants one register records at once. */
    static final int MAX_MARKS = 500;

    private final TrialService trials;
    private final Allocations allocations;
    private final ParticipantService participants;
    private final AttendanceRegister register;
    private final AttendanceRepository attendance;

    SessionRegister(TrialService trials, Allocations allocations, ParticipantService participants,
                    AttendanceRegister register, AttendanceRepository attendance) {
        this.trials = trials;
        this.allocations = allocations;
        this.participants = participants;
        this.register = register;
        this.attendance = attendance;
    }

    /** A page of the register: intervention-arm participants allocated after number {@code after}. */
    @Transactional
    Views.RegisterView read(long trialId, int session, int after, int limit) {
        Protocol protocol = trials.protocol(trialId);
        checkSession(protocol, session);
        Map<Integer, Long> allocated = allocations.allocatedTo(trialId, sessionArms(protocol), Math.max(0, after), limit + 1);
        List<Integer> numbers = new ArrayList<>(allocated.keySet());
        List<Long> ids = numbers.stream().limit(limit).map(allocated::get).toList();
        Map<Long, Candidate> people = participants.candidates(trialId, ids);
        Map<Long, Boolean> recorded = new HashMap<>();
        if (!ids.isEmpty()) {
            attendance.findByParticipantIdInAndSession(ids, session).forEach(a -> recorded.put(a.participantId(), a.present()));
        }
        List<Views.RegisterRow> rows = new ArrayList<>();
        for (Long id : ids) {
            Candidate person = people.get(id);
            rows.add(new Views.RegisterRow(id, person.code(), person.site(), person.status().name(), recorded.get(id)));
        }
        String next = numbers.size() > limit ? Integer.toString(numbers.get(limit - 1)) : null;
        return new Views.RegisterView(session, protocol.intervention().sessions(), rows, next);
    }

    /**
     * Records the session for every participant named; one refusal refuses the whole register,
     * naming the entry it came from.
     */
    @Transactional
    void record(Actor actor, long trialId, int session, Requests.SessionAttendanceRequest request) {
        List<Requests.Mark> marks = request.participants();
        if (marks == null || marks.isEmpty() || marks.size() > MAX_MARKS) {
            throw ProblemException.invalidRequest("participants", marks == null || marks.isEmpty() ? "required" : "max-size",
                    "lists from 1 to " + MAX_MARKS + " participants, each with participantId and present");
        }
        Map<Long, Object> present = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            Requests.Mark mark = marks.get(i);
            String field = "participants[" + i + "]";
            Long id = participantId(mark == null ? null : mark.participantId(), field + ".participantId", violations);
            if (mark == null || mark.present() == null) {
                violations.add(new Violation(field + ".present", "required", "is required: true (present) or false (absent)"));
            } else {
                Values.bool(mark.present(), field + ".present", violations);
            }
            if (id != null && present.put(id, mark.present()) != null) {
                violations.add(new Violation(field + ".participantId", "unique", "names a participant listed before"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        // no duplicates: the entries follow the request's order, so each refusal names its own entry
        int i = 0;
        for (Map.Entry<Long, Object> mark : present.entrySet()) {
            String field = "participants[" + i++ + "]";
            try {
                register.attend(actor, trialId, mark.getKey(), session,
                        new Requests.AttendanceRequest(mark.getValue(), request.reason()));
            } catch (ProblemException refused) {
                throw new ProblemException(refused.code(), field + ": " + refused.getMessage(), refused.violations().stream()
                        .map(v -> new Violation(v.field().equals("reason") ? "reason" : field + "." + v.field(), v.rule(),
                                v.message())).toList());
            }
        }
    }

    /** The arms whose participants attend sessions during the trial: the intervention, never a waitlist. */
    static List<String> sessionArms(Protocol protocol) {
        return protocol.arms().stream().filter(a -> a.role() == ArmRole.INTERVENTION && !a.waitlist()).map(Arm::code).toList();
    }

    private static void checkSession(Protocol protocol, int session) {
        if (session < 1 || session > protocol.intervention().sessions()) {
            throw ProblemException.invalidRequest("session", "range", "must be from 1 to " + protocol.intervention().sessions());
        }
    }

    private static Long participantId(Object value, String field, List<Violation> violations) {
        if (value instanceof Number number && number.doubleValue() == number.longValue() && number.longValue() > 0) {
            return number.longValue();
        }
        violations.add(new Violation(field, value == null ? "required" : "type", "is required: a participant id"));
        return null;
    }
}
