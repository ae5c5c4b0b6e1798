package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.PerProtocol;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attendance at the intervention's sessions, recorded by coordinators, and the per-protocol
 * exclusion it implies unless a coordinator decides otherwise.
 */
@Singleton
class AttendanceRegister {

    private final Following following;
    private final ParticipantService participants;
    private final TrialService trials;
    private final AttendanceRepository attendance;
    private final AuditTrail audit;
    private final Clock clock;

    AttendanceRegister(Following following, ParticipantService participants, TrialService trials,
                       AttendanceRepository attendance, AuditTrail audit, Clock clock) {
        this.following = following;
        this.participants = participants;
        this.trials = trials;
        this.attendance = attendance;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Views.AttendanceView attend(Actor actor, long trialId, long participantId, int session,
                                Requests.AttendanceRequest request) {
        Protocol protocol = following.protocol(trialId);
        boolean present = checked(protocol, session, request);
        Candidate candidate = following.lockFollowed(trialId, participantId);
        Arm arm = following.arm(protocol, participantId);
        if (arm.role() != ArmRole.INTERVENTION || arm.waitlist()) {
            throw new ProblemException(ProblemCode.NO_SESSIONS,
                    "Attendance is recorded for participants of the intervention arm; this participant's arm has no sessions during the trial");
        }
        Optional<Attendance> earlier = attendance.findByParticipantIdAndSession(participantId, session);
        if (earlier.isPresent() && earlier.get().present() != present) {
            String reason = reason(request.reason(), "a change of recorded attendance needs a reason");
            Attendance changed = attendance.update(earlier.get().changedTo(present, actor.userId(), clock.instant()));
            audit.record(Following.revealing(actor, trialId, "attendance.changed", "attendance", changed.id(),
                    value(candidate, earlier.get()), value(candidate, changed), reason));
        } else if (earlier.isEmpty()) {
            Attendance saved = attendance.save(Attendance.recorded(trialId, participantId, session, present,
                    actor.userId(), clock.instant()));
            audit.record(Following.revealing(actor, trialId, "attendance.recorded", "attendance", saved.id(), null,
                    value(candidate, saved), null));
        }
        applyAttendanceRule(actor, protocol, trialId, candidate);
        return view(protocol, trialId, candidate);
    }

    @Transactional
    Views.AttendanceView attendance(long trialId, long participantId) {
        return view(trials.protocol(trialId), trialId, participants.candidate(trialId, participantId));
    }

    /** A coordinator's decision on the per-protocol analysis; from then on the attendance rule leaves it alone. */
    @Transactional
    Views.AttendanceView decidePerProtocol(Actor actor, long trialId, long participantId,
                                           Requests.PerProtocolRequest request) {
        Protocol protocol = following.protocol(trialId);
        List<Violation> violations = new ArrayList<>();
        Boolean excluded = Values.bool(request.excluded(), "excluded", violations);
        if (request.excluded() == null) {
            violations.add(new Violation("excluded", "required", "is required: true or false"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        String reason = reason(request.reason(), "overriding the per-protocol decision needs a reason");
        Candidate candidate = following.lockRandomised(trialId, participantId);
        PerProtocol before = participants.perProtocol(trialId, participantId);
        PerProtocol after = new PerProtocol(excluded, reason, true);
        participants.decidePerProtocol(participantId, after);
        audit.record(Following.revealing(actor, trialId, "participant.per-protocol-overridden", "participant",
                participantId, before, after, reason));
        return view(protocol, trialId, candidate);
    }

    /** Sessions attended, by participant id, for every participant with attendance recorded. */
    @Transactional
    Map<Long, Integer> sessionsAttended(long trialId) {
        Map<Long, Integer> attended = new HashMap<>();
        attendance.findAttended(trialId).forEach(a -> attended.put(a.participantId(), a.attended()));
        return attended;
    }

    /** Whether the participant was present, once the session and the request keep their rules. */
    private static boolean checked(Protocol protocol, int session, Requests.AttendanceRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (session < 1 || session > protocol.intervention().sessions()) {
            violations.add(new Violation("session", "range", "must be from 1 to " + protocol.intervention().sessions()));
        }
        Boolean present = Values.bool(request.present(), "present", violations);
        if (request.present() == null) {
            violations.add(new Violation("present", "required", "is required: true (present) or false (absent)"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        return present;
    }

    private void applyAttendanceRule(Actor actor, Protocol protocol, long trialId, Candidate candidate) {
        PerProtocol before = participants.perProtocol(trialId, candidate.id());
        if (!AttendanceRule.applies(protocol.intervention(), before)) {
            return;
        }
        AttendanceRule.change(protocol.intervention(), before, absences(candidate.id())).ifPresent(after -> {
            participants.decidePerProtocol(candidate.id(), after);
            audit.record(Following.revealing(actor, trialId, "participant.per-protocol", "participant", candidate.id(),
                    before, after, after.reason()));
        });
    }

    private int absences(long participantId) {
        return (int) attendance.findByParticipantIdOrderBySession(participantId).stream().filter(a -> !a.present()).count();
    }

    private Views.AttendanceView view(Protocol protocol, long trialId, Candidate candidate) {
        List<Views.SessionView> sessions = attendance.findByParticipantIdOrderBySession(candidate.id()).stream()
                .map(a -> new Views.SessionView(a.session(), a.present(), a.recordedAt())).toList();
        int absences = (int) sessions.stream().filter(s -> !s.present()).count();
        return new Views.AttendanceView(candidate.id(), candidate.code(), protocol.intervention().sessions(), sessions,
                absences, protocol.intervention().absencesExcludingPerProtocol(),
                participants.perProtocol(trialId, candidate.id()));
    }

    private static String reason(String reason, String why) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    why + ", of at most 2000 characters");
        }
        return reason.strip();
    }

    private static Map<String, Object> value(Candidate candidate, Attendance record) {
        return AuditEvent.fields("participant", candidate.code(), "session", record.session(), "present", record.present());
    }
}
