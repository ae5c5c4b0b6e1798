package org.trialkeeper.randomisation;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests answered together in one transaction get the answers they would get one by one. */
@MicronautTest(transactional = false)
class AllocatorTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Allocator allocator;

    @Inject
    AuditTrail audit;

    @Test
    void oneBatchAnswersRepeatsRefusalsAndNewAllocationsAsSeparateRequestsWould() {
        RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("batch")));
        long before = trial.enrol("N-1", "female");
        long first = trial.enrol("N-2", "female");
        long second = trial.enrol("N-3", "male");
        long declined = trial.screen("N-4", "female", true, "declined");
        Map<?, ?> earlier = trial.randomise(before, "key-before-1");
        Actor coordinator = new Actor(null, "batch", Role.COORDINATOR);

        List<Allocator.Answer> answers = allocator.allocate(trial.id, List.of(
                new Allocator.Request(coordinator, first, "key-first-1"),
                new Allocator.Request(coordinator, first, "key-first-1"),
                new Allocator.Request(coordinator, first, "key-first-2"),
                new Allocator.Request(coordinator, second, "key-first-1"),
                new Allocator.Request(coordinator, before, "key-before-1"),
                new Allocator.Request(coordinator, before, "key-before-2"),
                new Allocator.Request(coordinator, declined, "key-declined"),
                new Allocator.Request(coordinator, 987_654_321L, "key-nobody"),
                new Allocator.Request(coordinator, second, "key-second-1")));

        assertEquals(2, answers.get(0).allocation().number(), "the first new request takes the next number");
        assertEquals(answers.get(0), answers.get(1), "a repeat of a request in the same batch gets the same answer");
        assertEquals("already-randomised", answers.get(2).refusal().code().code());
        assertTrue(answers.get(2).refusal().getMessage().endsWith("allocation number 2"), "the refusal names the number only");
        assertEquals("idempotency-key-reused", answers.get(3).refusal().code().code());
        assertEquals(earlier.get("number"), answers.get(4).allocation().number(), "a retry of an earlier request answers it");
        assertEquals("already-randomised", answers.get(5).refusal().code().code());
        assertEquals("not-enrolled", answers.get(6).refusal().code().code());
        assertEquals("not-found", answers.get(7).refusal().code().code());
        assertEquals(3, answers.get(8).allocation().number());
        assertNull(answers.get(8).refusal());

        List<Map> participants = trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants")),
                Argument.listOf(Map.class));
        assertEquals(List.of("RANDOMISED", "RANDOMISED", "RANDOMISED", "DECLINED"),
                participants.stream().map(p -> p.get("status")).toList());
        assertEquals(3, audit.trialRecords(trial.id, 0, true).stream()
                .filter(r -> r.action().equals("participant.randomised")).count(), "one audit record per allocation");
        assertTrue(audit.verify().intact(), "the batch's records are chained one after another");
    }
}
