package org.trialkeeper.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When and where participants were recruited and followed up (CONSORT 2025 items on recruitment
 * dates and on numbers per site): the first and last randomisation, the last follow-up
 * assessment, and per site those screened and randomised, by arm only when results by arm may
 * be shown.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recruitment(LocalDate firstRandomised, LocalDate lastRandomised, LocalDate lastFollowUp, List<Site> sites) {

    /** One site: everyone screened there, those randomised, and those allocated to each group (null when blinded). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Site(String site, long screened, long randomised, Map<String, Long> allocated) {
    }

    /**
     * @param groups the arms' codes in the order to show them; empty for a blinded report
     * @param labels the label each arm is shown under, by code
     */
    public static Recruitment of(TrialData data, List<String> groups, Map<String, String> labels) {
        Cohort people = data.people();
        Map<String, long[]> counts = new TreeMap<>();
        int[] groupOf = people.armCodes.stream().mapToInt(groups::indexOf).toArray();
        for (int person = 0; person < people.size(); person++) {
            long[] site = counts.computeIfAbsent(people.site(person), s -> new long[2 + groups.size()]);
            site[0]++;
            if (people.randomised(person)) {
                site[1]++;
                int group = groupOf[people.arms[person]];
                if (group >= 0) {
                    site[2 + group]++;
                }
            }
        }
        List<Site> sites = new ArrayList<>();
        counts.forEach((name, n) -> sites.add(new Site(name, n[0], n[1], groups.isEmpty() ? null : allocated(groups, labels, n))));
        TrialData.Period period = data.period();
        return new Recruitment(period.firstRandomised(), period.lastRandomised(), period.lastFollowUp(), sites);
    }

    private static Map<String, Long> allocated(List<String> groups, Map<String, String> labels, long[] counts) {
        Map<String, Long> allocated = new LinkedHashMap<>();
        for (int group = 0; group < groups.size(); group++) {
            allocated.put(labels.get(groups.get(group)), counts[2 + group]);
        }
        return allocated;
    }
}
