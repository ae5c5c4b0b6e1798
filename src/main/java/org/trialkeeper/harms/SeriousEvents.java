package org.trialkeeper.harms;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.ParticipantService;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.protocol.Harms;
import org.trialkeeper.security.UserService;
import org.trialkeeper.trial.TrialService;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serious adverse events as notices to the roles the protocol's {@code harms.notify} names: open
 * to a member until they acknowledge the event's latest revision, so a correction re-opens it.
 * Administrators read them too (nothing is hidden from them) but are not notified.
 */
@Singleton
class SeriousEvents {

    private final TrialService trials;
    private final UserService users;
    private final ParticipantService participants;
    private final AdverseEventRepository events;
    private final AcknowledgementRepository acknowledgements;
    private final AuditTrail audit;
    private final Clock clock;

    SeriousEvents(TrialService trials, UserService users, ParticipantService participants,
                  AdverseEventRepository events, AcknowledgementRepository acknowledgements, AuditTrail audit,
                  Clock clock) {
        this.trials = trials;
        this.users = users;
        this.participants = participants;
        this.events = events;
        this.acknowledgements = acknowledgements;
        this.audit = audit;
        this.clock = clock;
    }

    /** The trial's serious adverse events, oldest first: those the reader has not acknowledged, or all. */
    @Transactional
    List<SeriousEventNotice> notices(Actor actor, long trialId, boolean all) {
        Harms harms = trials.protocol(trialId).harms();
        if (!actor.admin()) {
            notifiedRole(actor, trialId, harms);
        }
        List<AdverseEvent> serious = events.findByTrialIdAndSeriousOrderById(trialId, true);
        Map<Long, List<Acknowledgement>> acknowledged = serious.isEmpty() ? Map.of()
                : acknowledgements.findByAdverseEventIdInOrderById(serious.stream().map(AdverseEvent::id).toList())
                .stream().collect(Collectors.groupingBy(Acknowledgement::adverseEventId));
        return serious.stream()
                .map(event -> notice(event, actor, acknowledged.getOrDefault(event.id(), List.of())))
                .filter(notice -> all || !notice.acknowledgedByYou())
                .toList();
    }

    /** Acknowledges the event's latest revision once; acknowledging it again changes nothing. */
    @Transactional
    SeriousEventNotice acknowledge(Actor actor, long trialId, long eventId) {
        Role role = notifiedRole(actor, trialId, trials.protocol(trialId).harms());
        AdverseEvent event = events.findByIdAndTrialIdForUpdate(eventId, trialId).filter(AdverseEvent::serious)
                .orElseThrow(() -> ProblemException.notFound("Serious adverse event", eventId));
        if (!acknowledgements.existsByAdverseEventIdAndRevisionAndUserId(eventId, event.revision(), actor.userId())) {
            acknowledgements.save(new Acknowledgement(null, eventId, event.revision(), actor.userId(), role.name(),
                    clock.instant()));
            audit.record(AuditEvent.of(new Actor(actor.userId(), actor.username(), role), trialId,
                    "adverse-event.acknowledged", "adverse-event", eventId)
                    .after(AuditEvent.fields("revision", event.revision())));
        }
        return notice(event, actor, acknowledgements.findByAdverseEventIdInOrderById(List.of(eventId)));
    }

    /**
     * The first role, in {@link Role} order, that the member holds in the trial and the protocol
     * notifies; a member holding none is refused.
     */
    private Role notifiedRole(Actor actor, long trialId, Harms harms) {
        return users.rolesIn(actor.userId(), trialId).stream().filter(role -> harms.notifies(role.name()))
                .sorted().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_NOTIFIED, "The protocol notifies "
                        + harms.notifiedRoles() + " of serious adverse events"));
    }

    private SeriousEventNotice notice(AdverseEvent event, Actor reader, List<Acknowledgement> acknowledged) {
        String code = participants.candidate(event.trialId(), event.participantId()).code();
        return SeriousEventNotice.of(event, code, reader.userId(), acknowledged);
    }
}
