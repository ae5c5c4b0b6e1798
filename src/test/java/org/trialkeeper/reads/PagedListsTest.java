package org.trialkeeper.reads;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.support.RecruitingTrial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The participant list and the worklist come a page at a time, after a key: following the
 * {@code Link: rel="next"} headers gives every item once, in order, and the last page has no link.
 */
@MicronautTest(transactional = false)
class PagedListsTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void followingTheNextLinksGivesEveryParticipantOnceInTheOrderScreened() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "paged", 30);
        List<Long> enrolled = trial.enrolAll("P-", 7);
        List<Long> listed = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String next = trial.path("/participants?limit=3"); next != null; ) {
            HttpResponse<List<Map>> page = trial.coordinator.exchange(HttpRequest.GET(next), Argument.listOf(Map.class));
            page.body().forEach(p -> listed.add(((Number) p.get("id")).longValue()));
            sizes.add(page.body().size());
            next = next(page);
        }
        assertEquals(enrolled, listed);
        assertEquals(List.of(3, 3, 1), sizes);
        HttpResponse<List<Map>> whole = trial.coordinator.exchange(HttpRequest.GET(trial.path("/participants")),
                Argument.listOf(Map.class));
        assertEquals(7, whole.body().size(), "one page by default, of up to " + Page.DEFAULT_LIMIT);
        assertNull(whole.getHeaders().get("Link"));
    }

    @Test
    void followingTheNextLinksGivesEveryoneDueOnceByCode() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pagedwork", 30);
        List<Long> enrolled = trial.enrolAll("W-", 5);
        for (long id : enrolled) {
            trial.randomise(id, "key-paged-" + id);
        }
        List<String> codes = new ArrayList<>();
        for (String next = trial.path("/worklist?limit=2"); next != null; ) {
            HttpResponse<List<Map>> page = trial.assessor.exchange(HttpRequest.GET(next), Argument.listOf(Map.class));
            assertTrue(page.body().size() <= 2);
            page.body().forEach(entry -> {
                codes.add((String) entry.get("code"));
                assertFalse(entry.containsKey("arm"));
            });
            next = next(page);
        }
        assertEquals(List.of("W-0", "W-1", "W-2", "W-3", "W-4"), codes);
    }

    @Test
    void aPageSizeOutsideItsRangeIsRefusedNamingTheField() {
        RecruitingTrial trial = RecruitingTrial.ofSize(http, "pagedbad", 30);
        for (String limit : List.of("0", "1001", "-5")) {
            Map<String, Object> problem = RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants?limit=" + limit))));
            assertTrue(problem.toString().contains("limit"), problem::toString);
            RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    () -> trial.assessor.retrieve(HttpRequest.GET(trial.path("/worklist?limit=" + limit))));
        }
        Map<String, Object> problem = RecruitingTrial.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                () -> trial.coordinator.retrieve(HttpRequest.GET(trial.path("/participants?after=-1"))));
        assertTrue(problem.toString().contains("after"), problem::toString);
    }

    private static String next(HttpResponse<?> page) {
        String link = page.getHeaders().get("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertTrue(matcher.matches(), link);
        return matcher.group(1);
    }
}
