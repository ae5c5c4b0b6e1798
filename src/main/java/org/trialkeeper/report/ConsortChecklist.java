package org.trialkeeper.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.analysis.ConsortReport;
import org.trialkeeper.protocol.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CONSORT 2025 checklist (30 items, some in parts), each item in this project's own words
 * with where it is answered: by this report's figures and tables, by the protocol the trial was
 * registered with, by how the service ran the trial, or left for the authors to write. Table and
 * figure numbers are those of the PDF this checklist ends.
 */
@Serdeable
public record ConsortChecklist(String guideline, List<Item> items) {

    /** Who answers an item. On the wire, in lower case. */
    @Serdeable
    public enum Source {
        @JsonProperty("report") REPORT,
        @JsonProperty("protocol") PROTOCOL,
        @JsonProperty("service") SERVICE,
        @JsonProperty("authors") AUTHORS;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Serdeable
    public record Item(String section, String item, String topic, String asks, Source source, String where) {
    }

    /** Who answers an item, and where. */
    record Answer(Source source, String where) {
    }

    static ConsortChecklist of(Protocol protocol, ConsortReport report) {
        ChecklistFacts facts = new ChecklistFacts(protocol, report);
        Items items = new Items();
        items.section("Title and abstract")
                .add("1a", "Title", "that the title calls the trial randomised", facts.titleSaysRandomised())
                .author("1b", "Abstract", "a structured summary of design, methods, results and conclusions")
                .section("Open science")
                .add("2", "Registration", "the registry, the trial's number there with its address, and the date registered",
                        facts.registration())
                .author("3", "Protocol and analysis plan", "where readers can read the protocol and the statistical analysis plan;"
                        + " the protocol file as registered is kept by the service")
                .add("4", "Data sharing", "where and how de-identified participant data, a data dictionary and code can be had",
                        Source.SERVICE, "After LOCK the service exports participants, item responses and scored totals as"
                        + " CSV with a codebook, scripts that load them into R and SPSS with labels, and a CDISC ODM file;"
                        + " where they are shared is the authors' to say")
                .author("5a", "Funding", "who paid for the trial or supplied anything, and what part the funders played")
                .author("5b", "Conflicts of interest", "the authors' financial and other conflicts of interest")
                .section("Introduction")
                .author("6", "Background", "why the trial was needed, from what was already known")
                .author("7", "Objectives", "what the trial set out to learn about benefits and harms")
                .section("Methods")
                .author("8", "Patient and public involvement", "how patients or the public took part in design, conduct and reporting")
                .add("9", "Design", "the kind of trial, the allocation ratio and the framework (superiority or other)",
                        Source.PROTOCOL, facts.design())
                .author("10", "Changes to the protocol", "important changes after the trial began, with reasons; every protocol"
                        + " version the service accepted is in the trial's audit trail")
                .add("11", "Setting", "where the trial ran: the kind of setting and the sites", Source.PROTOCOL, facts.sites())
                .add("12a", "Eligibility of participants", "who could take part", Source.PROTOCOL, facts.eligibility())
                .author("12b", "Eligibility of sites and providers", "any criteria for sites and for those delivering the"
                        + " intervention")
                .add("13", "Intervention and comparator", "each arm in enough detail to repeat it", Source.PROTOCOL,
                        facts.intervention())
                .add("14", "Outcomes", "the pre-specified primary and secondary outcomes: measure, metric, summary and time",
                        Source.PROTOCOL, facts.outcomes())
                .add("15", "Harms", "how harms were defined and collected", Source.SERVICE, facts.harmsCollected())
                .add("16a", "Sample size", "how the sample size was chosen, with every assumption", Source.PROTOCOL,
                        facts.sampleSize())
                .add("16b", "Interim analyses and stopping", "any interim analysis and rules for stopping", Source.SERVICE,
                        "Before LOCK the service gives only a blinded interim report pooled over the arms; stopping rules, if"
                        + " any, are the authors' to state")
                .add("17a", "Sequence generation", "who made the allocation sequence and how", Source.SERVICE,
                        "Generated by the service when recruitment opened, from a secret seed, with a hash of the lists"
                        + " published before the first allocation")
                .add("17b", "Type of randomisation", "the kind of randomisation and any restriction (strata, blocks)",
                        Source.PROTOCOL, facts.scheme())
                .add("18", "Concealment", "how the sequence was applied and kept hidden until each assignment",
                        Source.SERVICE, facts.concealment())
                .add("19", "Implementation", "whether those who enrolled and assigned participants could see the sequence",
                        Source.SERVICE, "No: coordinators enrol and randomise through the service, which never shows upcoming"
                        + " allocations to anyone before LOCK")
                .add("20a", "Blinding", "who was kept unaware of the arms after assignment", Source.SERVICE,
                        "Outcome assessors enter scores without ever seeing an arm; their guesses are in Table " + facts.tables().blinding() + ". Whether"
                        + " participants and providers were blinded is the authors' to state")
                .author("20b", "How blinding was achieved", "how blinding was kept and how alike the interventions looked")
                .add("21a", "Statistical methods", "how the arms were compared on each outcome, harms included",
                        Source.PROTOCOL, facts.method())
                .add("21b", "Analysis populations", "who is in each analysis and in which arm", Source.PROTOCOL,
                        facts.population())
                .add("21c", "Missing data", "how missing data were handled", Source.REPORT,
                        "Complete cases; the numbers with data at each timepoint are in Table 2")
                .add("21d", "Further analyses", "methods of any subgroup or sensitivity analysis, pre-specified or not",
                        facts.furtherAnalyses())
                .section("Results")
                .add("22a", "Participant flow", "per arm, the numbers randomised, receiving the intervention and analysed for"
                        + " the primary outcome", Source.REPORT, "Figure 1")
                .add("22b", "Losses and exclusions", "per arm, losses and exclusions after randomisation with reasons",
                        Source.REPORT, "Figure 1")
                .add("23a", "Recruitment dates", "the dates of recruitment and of follow-up", Source.REPORT,
                        "Recruitment and follow-up, before Table 1" + facts.dates())
                .author("23b", "End of the trial", "why the trial ended or was stopped, if that matters")
                .add("24a", "Delivery", "how each arm was actually delivered, adherence included", Source.REPORT,
                        "Figure 1 (received or not, from attendance and follow-up) and sessions attended, after Table "
                        + facts.tables().blinding())
                .author("24b", "Concomitant care", "care received alongside the trial in each arm")
                .add("25", "Baseline data", "a table of each arm's baseline characteristics", Source.REPORT, "Table 1"
                        + facts.byArmAfterLock())
                .add("26", "Numbers analysed and estimates", "per outcome and arm the numbers analysed and with data, each"
                        + " arm's result, and the effect with its precision", Source.REPORT, "Table 2" + facts.figure2()
                        + facts.byArmAfterLock())
                .add("27", "Harms", "every harm or unintended effect in each arm", facts.harms())
                .add("28", "Other analyses", "any other analysis, subgroup or sensitivity, pre-specified or not",
                        facts.otherAnalyses())
                .section("Discussion")
                .author("29", "Interpretation", "what the results mean, weighing benefits and harms against other evidence")
                .author("30", "Limitations", "sources of bias, imprecision, generalisability and multiplicity");
        return new ConsortChecklist("CONSORT 2025", items.list);
    }

    /** Items as they are added, each under the last section named. */
    private static final class Items {
        private final List<Item> list = new ArrayList<>();
        private String section;

        Items section(String name) {
            section = name;
            return this;
        }

        Items add(String item, String topic, String asks, Source source, String where) {
            list.add(new Item(section, item, topic, asks, source, where));
            return this;
        }

        Items add(String item, String topic, String asks, Answer answer) {
            return add(item, topic, asks, answer.source(), answer.where());
        }

        Items author(String item, String topic, String asks) {
            return add(item, topic, asks, Source.AUTHORS, "For the authors to write");
        }
    }
}
