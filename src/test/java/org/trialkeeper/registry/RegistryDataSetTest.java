package org.trialkeeper.registry;

import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.protocol.ProtocolReader;
import org.trialkeeper.trial.TrialStatus;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            ((java.util.Map<String, Object>) tree.get("outcomes")).remove("secondary");
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
}
