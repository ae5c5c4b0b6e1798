package org.trialkeeper.registry;

import org.junit.jupiter.api.Test;
import org.trialkeeper.problem.Violation;
import org.trialkeeper.protocol.InvalidProtocolException;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.trial.TrialStatus;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryDataSetTest {

    private static final Protocol SEED = ProtocolReader.read(ProtocolFiles.read(ProtocolFiles.SEED_TRIAL));

    private static RegistryItem item(List<RegistryItem> items, int number) {
        return items.get(number - 1);
    }

    @Test
    void theRecordHasTheTwentyFourItemsInOrderWithWhatTheSeedProtocolAnswers() {
        List<RegistryItem> items = RegistryDataSet.items(SEED, TrialStatus.DRAFT);
        assertEquals(IntStream.rangeClosed(1, 24).boxed().toList(), items.stream().map(RegistryItem::number).toList());
        assertEquals(List.of("IRCT IRCT20230211057383N1"), item(items, 1).answer());
        assertEquals(List.of("Ethics committee approval IR.USWR.REC.1401.054"), item(items, 3).answer());
        assertEquals(List.of(SEED.title()), item(items, 10).answer());
        assertEquals(List.of("Balint group training: Balint group training, 8 sessions of 60 minutes, 1 a week, in-person",
                "Waitlist control: waitlist, offered Balint group training after the post-test"), item(items, 13).answer());
        assertEquals(4, item(items, 14).answer().size(), "two inclusion and two exclusion criteria");
        assertTrue(item(items, 15).answer().contains("Allocation: randomised (simple), ratio 1:1"));
        assertEquals(List.of("Target: 30 participants"), item(items, 17).answer());
        assertEquals(List.of("Pending"), item(items, 18).answer());
        assertEquals(List.of("Walton Quality of Work Life Questionnaire total score, at post (week 8), adjusted for its score at baseline"),
                item(items, 19).answer());
        assertEquals(2, item(items, 20).answer().size());
        assertTrue(item(items, 21).answer().get(0).startsWith("Approved by Ethics Committee of the University of Social Welfare"));
    }

    @Test
    void whatTheProtocolCannotSayIsMissingAndStillAsked() {
        List<RegistryItem> items = RegistryDataSet.items(SEED, TrialStatus.DRAFT);
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 11, 12, 16, 22, 23, 24),
                items.stream().filter(RegistryItem::missing).map(RegistryItem::number).toList());
        items.stream().filter(RegistryItem::missing).forEach(item -> assertEquals(1, item.stillAsked().size(), item::item));
        assertTrue(item(items, 11).stillAsked().get(0).contains("RAZI (Razi Hospital, Tehran)"), "the sites whose countries are asked");
        assertEquals(List.of(14, 15, 21), items.stream().filter(item -> !item.missing() && !item.stillAsked().isEmpty())
                .map(RegistryItem::number).toList(), "answered, but a registry asks for more");
    }

    @Test
    void aProtocolWithoutRegistrationsOrSecondaryOutcomesLeavesThoseItemsMissing() {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> {
            tree.put("registrations", List.of());
            tree.remove("ethics");
            ((Map<String, Object>) tree.get("outcomes")).remove("secondary");
        });
        List<RegistryItem> items = RegistryDataSet.items(protocol, TrialStatus.DRAFT);
        for (int number : List.of(1, 3, 20, 21)) {
            assertTrue(item(items, number).missing(), "item " + number);
        }
    }

    @Test
    void recruitmentStatusAndTheFinalSampleSizeFollowTheTrialsLife() {
        assertEquals(List.of("Recruiting"), item(RegistryDataSet.items(SEED, TrialStatus.RECRUITING), 18).answer());
        assertEquals(List.of(), item(RegistryDataSet.items(SEED, TrialStatus.RECRUITING), 17).stillAsked());
        for (TrialStatus closed : List.of(TrialStatus.FOLLOW_UP, TrialStatus.LOCKED)) {
            List<RegistryItem> items = RegistryDataSet.items(SEED, closed);
            assertEquals(List.of("Complete"), item(items, 18).answer());
            assertEquals(1, item(items, 17).stillAsked().size(), "the final number enrolled");
        }
    }

    @Test
    void theProtocolsRegistryDetailsAnswerWhatTheRestOfItCannot() {
        Protocol protocol = ProtocolFiles.seedVariant(tree -> tree.put("registry", Map.ofEntries(
                Map.entry("registeredOn", "2023-03-01"), Map.entry("secondaryIds", List.of("UTN U1111-1234-5678")),
                Map.entry("funding", List.of("University research fund")), Map.entry("primarySponsor", "The university"),
                Map.entry("secondarySponsors", List.of("None")), Map.entry("publicContact", "trial@example.org"),
                Map.entry("scientificContact", "Dr A, the university, pi@example.org"),
                Map.entry("publicTitle", "Group talks for nurses' working life"), Map.entry("countries", List.of("Iran")),
                Map.entry("conditions", List.of("Occupational stress")), Map.entry("purpose", "supportive care"),
                Map.entry("phase", "not applicable"), Map.entry("firstEnrolment", "2022-10-01"),
                Map.entry("ethicsApprovedOn", "2022-06-15"), Map.entry("completion", "2022-12-31"),
                Map.entry("ipdSharing", "Not shared"))));
        List<RegistryItem> items = RegistryDataSet.items(protocol, TrialStatus.DRAFT);
        assertEquals(List.of(23), items.stream().filter(RegistryItem::missing).map(RegistryItem::number).toList(),
                "only the results, which come after the trial");
        assertEquals(List.of("UTN U1111-1234-5678", "Ethics committee approval IR.USWR.REC.1401.054"), item(items, 3).answer());
        assertTrue(item(items, 15).answer().containsAll(List.of("Purpose: supportive care", "Phase: not applicable")));
        assertEquals(List.of(), item(items, 15).stillAsked());
        assertTrue(item(items, 21).answer().get(0).contains(" on 2022-06-15, approval "), item(items, 21).answer()::toString);
        assertEquals(List.of(), item(items, 21).stillAsked());
        assertEquals(List.of(14, 23), items.stream().filter(item -> !item.stillAsked().isEmpty()).map(RegistryItem::number).toList());
    }

    @Test
    void aRegistryDateThatIsNotACalendarDateIsRefusedWithItsPath() {
        InvalidProtocolException refused = assertThrows(InvalidProtocolException.class, () -> ProtocolFiles.seedVariant(
                tree -> tree.put("registry", Map.of("firstEnrolment", "autumn 2022", "purpose", "treatment"))));
        assertEquals(List.of(new Violation("registry.firstEnrolment", "date", "must be a date as YYYY-MM-DD")), refused.violations());
        assertThrows(InvalidProtocolException.class, () -> ProtocolFiles.seedVariant(
                tree -> tree.put("registry", Map.of("sponsor", "a key the protocol does not know"))));
    }
}
