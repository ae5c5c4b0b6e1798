package org.trialkeeper.followup;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.participant.ParticipantStatus;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.AllocationTimes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * A participant's path after randomisation, recorded by coordinators: attendance at the
 * intervention's sessions (and the per-protocol exclusion it implies), and events with a date,
 * a reason and the timepoint they affect.
 */
@Singleton
public class FollowUpService {

    private final Following following;
    private final AttendanceRegister register;
    private final SessionRegister sessions;
    private final ParticipantService participants;
    private final AllocationTimes allocationTimes;
    private final AssessmentService assessments;
    private final FollowUpEventRepository events;
    private final FollowUpRows rows;
    private final AuditTrail audit;
    private final Clock clock;

    FollowUpService(Following following, AttendanceRegister register, SessionRegister sessions,
                    ParticipantService participants,
                    AllocationTimes allocationTimes, AssessmentService assessments, FollowUpEventRepository events,
                    FollowUpRows rows, AuditTrail audit, Clock clock) {
        this.following = following;
        this.register = register;
        this.sessions = sessions;
        this.participants = participants;
        this.allocationTimes = allocationTimes;
        this.assessments = assessments;
        this.events = events;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    public Views.AttendanceView attend(Actor actor, long trialId, long participantId, int session,
                                      Requests.AttendanceRequest request) {
        return register.attend(actor, trialId, participantId, session, request);
    }

    /** Several sessions of one participant at once, all recorded or none; a change needs the reason. */
    @Transactional
    public Views.AttendanceView attend(Actor actor, long trialId, long participantId, Map<Integer, Boolean> present,
                                      String reason) {
        Views.AttendanceView view = null;
        for (Map.Entry<Integer, Boolean> session : present.entrySet()) {
            view = register.attend(actor, trialId, participantId, session.getKey(),
                    new Requests.AttendanceRequest(session.getValue(), reason));
        }
        return view == null ? register.attendance(trialId, participantId) : view;
    }

    /** A page of a session's register: the intervention arm's participants and what is recorded for them. */
    public Views.RegisterView register(long trialId, int session, int after, int limit) {
        return sessions.read(trialId, session, after, limit);
    }

    /** One session for many participants of the intervention arm, all recorded or none. */
    public void recordSession(Actor actor, long trialId, int session, Requests.SessionAttendanceRequest request) {
        sessions.record(actor, trialId, session, request);
    }

    public Views.AttendanceView attendance(long trialId, long participantId) {
        return register.attendance(trialId, participantId);
    }

    /** A coordinator's decision on the per-protocol analysis; from then on the attendance rule leaves it alone. */
    Views.AttendanceView decidePerProtocol(Actor actor, long trialId, long participantId,
                                           Requests.PerProtocolRequest request) {
        return register.decidePerProtocol(actor, trialId, participantId, request);
    }

    /**
     * Sessions attended by every participant with attendance recorded, with their id, streamed to
     * {@code each}, which must not use the database.
     */
    @Transactional
    public void sessionsAttended(long trialId, ObjIntConsumer<Long> each) {
        rows.sessionsAttended(trialId, each);
    }

    @Transactional
    public Views.EventView record(Actor actor, long trialId, long participantId, Requests.EventRequest request) {
        Protocol protocol = following.protocol(trialId);
        EventCheck.Checked event = EventCheck.check(protocol, request, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Candidate candidate = following.lockRandomised(trialId, participantId);
        LocalDate randomisedOn = LocalDate.ofInstant(allocationTimes.of(trialId).get(participantId), ZoneOffset.UTC);
        if (event.date().isBefore(randomisedOn)) {
            throw ProblemException.invalidRequest("date", "before-randomisation",
                    "must not be before the participant's randomisation, " + randomisedOn);
        }
        if (event.kind().moves().isPresent()) {
            participants.moveTo(candidate, event.kind().moves().get(), event.keepsData());
        } else {
            checkDelayedIntervention(protocol, trialId, candidate, event.kind());
        }
        FollowUpEvent saved = events.save(FollowUpEvent.recorded(trialId, participantId, event, actor.userId(),
                clock.instant()));
        Views.EventView view = view(saved, event.kind().moves().orElse(candidate.status()));
        audit.record(Following.revealing(actor, trialId, "participant." + event.kind().code(), "participant",
                participantId, AuditEvent.fields("status", candidate.status().name()),
                AuditEvent.fields("participant", candidate.code(), "event", view), event.reason()));
        return view;
    }

    @Transactional
    public List<Views.EventView> events(long trialId, long participantId) {
        participants.candidate(trialId, participantId);
        List<Views.EventView> views = new ArrayList<>();
        ParticipantStatus reached = ParticipantStatus.RANDOMISED;
        for (FollowUpEvent event : events.findByTrialIdAndParticipantIdOrderById(trialId, participantId)) {
            reached = event.kind().moves().orElse(reached);
            views.add(view(event, reached));
        }
        return views;
    }

    /** One event after randomisation, for reports: its kind and reason. */
    public record Recorded(EventKind kind, String reason) {
    }

    /**
     * Every participant's events after randomisation with their participant's id, each
     * participant's oldest first, streamed to {@code each}, which must not use the database.
     */
    @Transactional
    public void events(long trialId, BiConsumer<Long, Recorded> each) {
        rows.events(trialId, each);
    }

    private void checkDelayedIntervention(Protocol protocol, long trialId, Candidate candidate, EventKind kind) {
        DelayedIntervention.requireWaitlist(following.arm(protocol, candidate.id()), candidate.status());
        DelayedIntervention.requirePostTest(protocol.timepoints(), assessments.entered(trialId, candidate.id()));
        DelayedIntervention.requireNext(kind, events.findByTrialIdAndParticipantIdOrderById(trialId, candidate.id())
                .stream().map(FollowUpEvent::kind).toList());
    }

    private static Views.EventView view(FollowUpEvent event, ParticipantStatus status) {
        return new Views.EventView(event.id(), event.participantId(), event.kind().code(), event.occurredOn(),
                event.reason(), event.timepoint(), event.keepData(), status.name(), event.recordedAt());
    }
}
