package org.trialkeeper.followup;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.participant.PerProtocol;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.problem.Values;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.Arm;
import org.trialkeeper.protocol.ArmRole;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;
import org.trialkeeper.protocol.TimepointKind;
import org.trialkeeper.randomisation.AllocationTimes;
import org.trialkeeper.randomisation.Allocations;
import org.trialkeeper.access.Actor;
import org.trialkeeper.trial.TrialService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A participant's path after randomisation, recorded by coordinators: attendance at the
 * intervention's sessions (and the per-protocol exclusion it implies), and events with a date,
 * a reason and the timepoint they affect. Each change is audited as revealing the allocation,
 * since attendance and most events tell which arm a participant is in.
 */
@Singleton
public class FollowUpService {

    private final ParticipantService participants;
    private final TrialService trials;
    private final Allocations randomisation;
    private final AllocationTimes allocationTimes;
    private final AssessmentService assessments;
    private final AttendanceRepository attendance;
    private final FollowUpEventRepository events;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    FollowUpService(ParticipantService participants, TrialService trials, Allocations randomisation,
                    AllocationTimes allocationTimes, AssessmentService assessments, AttendanceRepository attendance,
                    FollowUpEventRepository events, AuditTrail audit, JsonMapper json, Clock clock) {
        this.participants = participants;
        this.trials = trials;
        this.randomisation = randomisation;
        this.allocationTimes = allocationTimes;
        this.assessments = assessments;
        this.attendance = attendance;
        this.events = events;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Views.AttendanceView attend(Actor actor, long trialId, long participantId, int session,
                                Requests.AttendanceRequest request) {
        Protocol protocol = following(trialId);
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
        Candidate candidate = participants.lock(trialId, participantId);
        requireFollowed(candidate);
        Arm arm = arm(protocol, trialId, participantId);
        if (arm.role() != ArmRole.INTERVENTION || arm.waitlist()) {
            throw new ProblemException(ProblemCode.NO_SESSIONS,
                    "Attendance is recorded for participants of the intervention arm; this participant's arm has no sessions during the trial");
        }
        var earlier = attendance.findByParticipantIdAndSession(participantId, session);
        if (earlier.isPresent() && earlier.get().present() != present) {
            String reason = reason(request.reason(), "a change of recorded attendance needs a reason");
            Attendance changed = attendance.update(new Attendance(earlier.get().id(), trialId, participantId, session,
                    present, actor.userId(), clock.instant()));
            audit.record(revealing(actor, trialId, "attendance.changed", "attendance", changed.id(),
                    attendanceValue(candidate, earlier.get()), attendanceValue(candidate, changed), reason));
        } else if (earlier.isEmpty()) {
            Attendance saved = attendance.save(new Attendance(null, trialId, participantId, session, present,
                    actor.userId(), clock.instant()));
            audit.record(revealing(actor, trialId, "attendance.recorded", "attendance", saved.id(), null,
                    attendanceValue(candidate, saved), null));
        }
        applyAttendanceRule(actor, protocol, trialId, candidate);
        return attendanceView(protocol, trialId, candidate);
    }

    @Transactional
    public Views.AttendanceView attendance(long trialId, long participantId) {
        Protocol protocol = trials.protocol(trialId);
        Candidate candidate = participants.candidate(trialId, participantId);
        return attendanceView(protocol, trialId, candidate);
    }

    /** A coordinator's decision on the per-protocol analysis; from then on the attendance rule leaves it alone. */
    @Transactional
    Views.AttendanceView decidePerProtocol(Actor actor, long trialId, long participantId,
                                           Requests.PerProtocolRequest request) {
        Protocol protocol = following(trialId);
        List<Violation> violations = new ArrayList<>();
        Boolean excluded = Values.bool(request.excluded(), "excluded", violations);
        if (request.excluded() == null) {
            violations.add(new Violation("excluded", "required", "is required: true or false"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        String reason = reason(request.reason(), "overriding the per-protocol decision needs a reason");
        Candidate candidate = participants.lock(trialId, participantId);
        if (!candidate.status().randomised()) {
            throw notRandomised();
        }
        PerProtocol before = participants.perProtocol(trialId, participantId);
        PerProtocol after = new PerProtocol(excluded, reason, true);
        participants.decidePerProtocol(participantId, after);
        audit.record(revealing(actor, trialId, "participant.per-protocol-overridden", "participant", participantId,
                before, after, reason));
        return attendanceView(protocol, trialId, candidate);
    }

    @Transactional
    public Views.EventView record(Actor actor, long trialId, long participantId, Requests.EventRequest request) {
        Protocol protocol = following(trialId);
        List<Violation> violations = new ArrayList<>();
        EventKind kind = null;
        if (request.kind() == null) {
            violations.add(new Violation("kind", "required", "is required: one of " + EventKind.codes()));
        } else {
            kind = EventKind.of(request.kind()).orElse(null);
            if (kind == null) {
                violations.add(new Violation("kind", "one-of", "must be one of " + EventKind.codes()));
            }
        }
        LocalDate date = date(request.date(), violations);
        String reason = request.reason();
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            violations.add(new Violation("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    "is required, at most 2000 characters"));
        }
        boolean movesStatus = kind != null && kind.moves().isPresent();
        if (request.timepoint() == null && movesStatus) {
            violations.add(new Violation("timepoint", "required", "is required: the timepoint the event affects"));
        } else if (request.timepoint() != null && protocol.timepoint(request.timepoint()).isEmpty()) {
            violations.add(new Violation("timepoint", "one-of", "must be one of the protocol's timepoints: "
                    + String.join(", ", protocol.timepoints().stream().map(Timepoint::id).toList())));
        }
        Boolean keepData = Values.bool(request.keepData(), "keepData", violations);
        if (kind == EventKind.WITHDREW_CONSENT && request.keepData() == null) {
            violations.add(new Violation("keepData", "required",
                    "is required for a withdrawal: whether the data collected so far may be kept"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalidRequest(violations);
        }
        Candidate candidate = participants.lock(trialId, participantId);
        if (!candidate.status().randomised()) {
            throw notRandomised();
        }
        LocalDate randomisedOn = LocalDate.ofInstant(allocationTimes.of(trialId).get(participantId), ZoneOffset.UTC);
        if (date.isBefore(randomisedOn)) {
            throw ProblemException.invalidRequest("date", "before-randomisation",
                    "must not be before the participant's randomisation, " + randomisedOn);
        }
        if (movesStatus) {
            participants.moveTo(candidate, kind.moves().get(),
                    kind == EventKind.WITHDREW_CONSENT ? keepData : true);
        } else {
            checkDelayedIntervention(protocol, trialId, candidate, kind);
        }
        FollowUpEvent saved = events.save(new FollowUpEvent(null, trialId, participantId, kind, date, reason.strip(),
                request.timepoint(), kind == EventKind.WITHDREW_CONSENT ? keepData : null, actor.userId(),
                clock.instant()));
        Views.EventView view = view(saved, kind.moves().orElse(candidate.status()));
        audit.record(revealing(actor, trialId, "participant." + kind.code(), "participant", participantId,
                AuditEvent.fields("status", candidate.status().name()),
                AuditEvent.fields("participant", candidate.code(), "event", view), reason.strip()));
        return view;
    }

    @Transactional
    public List<Views.EventView> events(long trialId, long participantId) {
        participants.candidate(trialId, participantId);
        List<FollowUpEvent> recorded = events.findByTrialIdAndParticipantIdOrderById(trialId, participantId);
        List<Views.EventView> views = new ArrayList<>();
        ParticipantStatus reached = ParticipantStatus.RANDOMISED;
        for (FollowUpEvent event : recorded) {
            reached = event.kind().moves().orElse(reached);
            views.add(view(event, reached));
        }
        return views;
    }

    /** Every participant's events after randomisation, oldest first, by participant id. */
    @Transactional
    public Map<Long, List<TrialData.Event>> eventsByParticipant(long trialId) {
        Map<Long, List<TrialData.Event>> byParticipant = new java.util.HashMap<>();
        for (FollowUpEvent event : events.findByTrialIdOrderById(trialId)) {
            byParticipant.computeIfAbsent(event.participantId(), id -> new ArrayList<>())
                    .add(new TrialData.Event(event.kind().code(), event.reason()));
        }
        return byParticipant;
    }

    /** Sessions attended, by participant id, for every participant with attendance recorded. */
    @Transactional
    public Map<Long, Integer> sessionsAttended(long trialId) {
        Map<Long, Integer> attended = new java.util.HashMap<>();
        attendance.findAttended(trialId).forEach(a -> attended.put(a.participantId(), a.attended()));
        return attended;
    }

    /** The waitlist's delayed intervention: offered once the post-test is in, then started; the arm stays. */
    private void checkDelayedIntervention(Protocol protocol, long trialId, Candidate candidate, EventKind kind) {
        Arm arm = arm(protocol, trialId, candidate.id());
        if (!arm.waitlist()) {
            throw new ProblemException(ProblemCode.NOT_WAITLIST,
                    "The delayed intervention is offered to participants of a waitlist arm only");
        }
        if (!candidate.status().acceptsAssessments()) {
            throw new ProblemException(ProblemCode.WITHDRAWN,
                    "This participant withdrew consent");
        }
        Set<String> entered = assessments.entered(trialId, candidate.id());
        List<String> missing = new ArrayList<>();
        for (Timepoint timepoint : protocol.timepoints()) {
            if (timepoint.kind() == TimepointKind.POST) {
                timepoint.instruments().stream().map(i -> timepoint.id() + "/" + i).filter(i -> !entered.contains(i))
                        .forEach(missing::add);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(ProblemCode.POST_TEST_INCOMPLETE,
                    "The delayed intervention is offered once the post-test is complete; still to enter: "
                            + String.join(", ", missing));
        }
        List<EventKind> earlier = events.findByTrialIdAndParticipantIdOrderById(trialId, candidate.id()).stream()
                .map(FollowUpEvent::kind).toList();
        if (earlier.contains(kind)) {
            throw new ProblemException(ProblemCode.ALREADY_RECORDED,
                    "This participant's " + kind.code() + " is already recorded");
        }
        if (kind == EventKind.DELAYED_INTERVENTION_STARTED && !earlier.contains(EventKind.DELAYED_INTERVENTION_OFFERED)) {
            throw new ProblemException(ProblemCode.NOT_OFFERED,
                    "The delayed intervention starts after it is offered; record the offer first");
        }
    }

    /** Excludes from the per-protocol analysis at the protocol's number of absences, unless a coordinator decided otherwise. */
    private void applyAttendanceRule(Actor actor, Protocol protocol, long trialId, Candidate candidate) {
        PerProtocol before = participants.perProtocol(trialId, candidate.id());
        int limit = protocol.intervention().absencesExcludingPerProtocol();
        if (before.overridden() || limit <= 0) {
            return;
        }
        int absences = absences(candidate.id());
        PerProtocol after = absences >= limit
                ? new PerProtocol(true, "absent from " + absences + " of " + protocol.intervention().sessions()
                + " sessions; the protocol excludes from " + limit, false)
                : new PerProtocol(false, null, false);
        if (!after.equals(before)) {
            participants.decidePerProtocol(candidate.id(), after);
            audit.record(revealing(actor, trialId, "participant.per-protocol", "participant", candidate.id(),
                    before, after, after.reason()));
        }
    }

    private int absences(long participantId) {
        return (int) attendance.findByParticipantIdOrderBySession(participantId).stream().filter(a -> !a.present()).count();
    }

    private Views.AttendanceView attendanceView(Protocol protocol, long trialId, Candidate candidate) {
        List<Views.SessionView> sessions = attendance.findByParticipantIdOrderBySession(candidate.id()).stream()
                .map(a -> new Views.SessionView(a.session(), a.present(), a.recordedAt())).toList();
        int absences = (int) sessions.stream().filter(s -> !s.present()).count();
        return new Views.AttendanceView(candidate.id(), candidate.code(), protocol.intervention().sessions(), sessions,
                absences, protocol.intervention().absencesExcludingPerProtocol(),
                participants.perProtocol(trialId, candidate.id()));
    }

    private Arm arm(Protocol protocol, long trialId, long participantId) {
        String code = randomisation.armOf(participantId);
        return protocol.arms().stream().filter(a -> a.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalStateException("participant " + participantId + " has no known arm"));
    }

    private Protocol following(long trialId) {
        return trials.collecting(trialId, "Follow-up is recorded");
    }

    private void requireFollowed(Candidate candidate) {
        if (!candidate.status().randomised()) {
            throw notRandomised();
        }
        if (candidate.status() == ParticipantStatus.WITHDRAWN) {
            throw new ProblemException(ProblemCode.WITHDRAWN, "This participant withdrew consent");
        }
    }

    private LocalDate date(String text, List<Violation> violations) {
        if (text == null) {
            violations.add(new Violation("date", "required", "is required, as YYYY-MM-DD"));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
                violations.add(new Violation("date", "not-future", "must not be after today (UTC)"));
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(new Violation("date", "format", "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    private static String reason(String reason, String why) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalidRequest("reason", reason == null || reason.isBlank() ? "required" : "max-length",
                    why + ", of at most 2000 characters");
        }
        return reason.strip();
    }

    private static ProblemException notRandomised() {
        return new ProblemException(ProblemCode.NOT_RANDOMISED,
                "Follow-up is recorded for randomised participants only");
    }

    private static AuditEvent revealing(Actor actor, long trialId, String action, String entity, Object id,
                                        Object before, Object after, String reason) {
        return AuditEvent.of(actor, trialId, action, entity, id).before(before).after(after).because(reason)
                .revealingAllocation();
    }

    private static Map<String, Object> attendanceValue(Candidate candidate, Attendance record) {
        return AuditEvent.fields("participant", candidate.code(), "session", record.session(), "present", record.present());
    }

    private static Views.EventView view(FollowUpEvent event, ParticipantStatus status) {
        return new Views.EventView(event.id(), event.participantId(), event.kind().code(), event.occurredOn(),
                event.reason(), event.timepoint(), event.keepData(), status.name(), event.recordedAt());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
