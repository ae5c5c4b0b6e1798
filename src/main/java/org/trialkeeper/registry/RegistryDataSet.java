package org.trialkeeper.registry;

import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Registration;
import org.trialkeeper.protocol.RegistryDetails;
import org.trialkeeper.trial.TrialStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the WHO Trial Registration Data Set record of a trial from its protocol and where the
 * trial is in its life. Sponsors, contacts, dates, the condition studied and the data sharing
 * plan come from the protocol's optional registry details; whatever is not there is missing,
 * with what the registry will ask for and the protocol key that answers it.
 */
final class RegistryDataSet {

    private RegistryDataSet() {
    }

    static List<RegistryItem> items(Protocol protocol, TrialStatus status) {
        List<RegistryItem> items = new ArrayList<>(administrative(protocol, protocol.registry()));
        items.addAll(scientific(protocol, protocol.registry(), status));
        return items;
    }

    /** Items 1 to 11: identifiers, sponsors, contacts, titles, countries. */
    private static List<RegistryItem> administrative(Protocol protocol, RegistryDetails details) {
        return List.of(
                RegistryItem.of(1, "Primary registry and trial identifying number",
                        protocol.registrations().stream().limit(1).map(RegistryDataSet::registration).toList(),
                        "the primary registry's name and the trial's number in it (registrations)"),
                RegistryItem.of(2, "Date of registration in primary registry", one(details.registeredOn()),
                        "the date the primary registry registered the trial (registry.registeredOn)"),
                RegistryItem.of(3, "Secondary identifying numbers", secondaryIds(protocol),
                        "other identifiers, if any: the Universal Trial Number, the sponsor's protocol number, "
                                + "other registries' or funders' numbers (registry.secondaryIds)"),
                RegistryItem.of(4, "Source(s) of monetary or material support", details.funding(),
                        "the major sources of money or material support: funding agency, foundation, company, "
                                + "institution (registry.funding)"),
                RegistryItem.of(5, "Primary sponsor", one(details.primarySponsor()),
                        "the person or organisation that takes responsibility for initiating, managing or financing "
                                + "the trial (registry.primarySponsor)"),
                RegistryItem.of(6, "Secondary sponsor(s)", details.secondarySponsors(),
                        "other sponsors, or that there are none (registry.secondarySponsors)"),
                RegistryItem.of(7, "Contact for public queries", one(details.publicContact()),
                        "an e-mail address, telephone number or postal address answering general queries, "
                                + "recruitment included (registry.publicContact)"),
                RegistryItem.of(8, "Contact for scientific queries", one(details.scientificContact()),
                        "the name, affiliation and e-mail address, telephone number or postal address of the "
                                + "principal investigator (registry.scientificContact)"),
                RegistryItem.of(9, "Public title", one(details.publicTitle()),
                        "a title for the public, in plain language (registry.publicTitle)"),
                RegistryItem.of(10, "Scientific title", List.of(protocol.title()), "the protocol's title"),
                RegistryItem.of(11, "Countries of recruitment", details.countries(), "the country of each site: "
                        + String.join("; ", protocol.sites().stream().map(site -> site.code() + " (" + site.name() + ")")
                        .toList()) + " (registry.countries)"));
    }

    /** Items 12 to 24: what is studied and how, its dates, status, outcomes, ethics, results and data sharing. */
    private static List<RegistryItem> scientific(Protocol protocol, RegistryDetails details, TrialStatus status) {
        RegistryDesign design = new RegistryDesign(protocol);
        RegistryItem studyType = RegistryItem.of(15, "Study type", design.studyType(details), "the study type");
        RegistryItem sampleSize = RegistryItem.of(17, "Sample size",
                List.of("Target: " + protocol.targetSampleSize() + " participants"), "the target sample size");
        RegistryItem ethics = RegistryItem.of(21, "Ethics review", ethics(protocol), "the ethics committee's name and "
                + "contact details, whether it approved the trial, and the date and number of its approval (ethics)");
        return List.of(
                RegistryItem.of(12, "Health condition(s) or problem(s) studied", details.conditions(),
                        "the condition or problem studied, in words and, where one applies, as a code, e.g. ICD-10 "
                                + "or MeSH (registry.conditions)"),
                RegistryItem.of(13, "Intervention(s)", design.interventions(), "each arm's intervention"),
                RegistryItem.of(14, "Key inclusion and exclusion criteria", design.criteria(), "the eligibility criteria")
                        .alsoAsking("the ages and sexes eligible, if the criteria do not say"),
                details.purpose() != null && details.phase() != null ? studyType : studyType.alsoAsking(
                        "the primary purpose, e.g. treatment, prevention, supportive care (registry.purpose), "
                                + "and the phase, or that none applies (registry.phase)"),
                RegistryItem.of(16, "Date of first enrolment", one(details.firstEnrolment()),
                        "the anticipated or actual date the first participant is enrolled (registry.firstEnrolment)"),
                status.ordinal() > TrialStatus.RECRUITING.ordinal()
                        ? sampleSize.alsoAsking("the final number enrolled, now that recruitment is closed") : sampleSize,
                RegistryItem.of(18, "Recruitment status", List.of(recruitment(status)), "the recruitment status"),
                RegistryItem.of(19, "Primary outcome(s)", design.outcomes(protocol.outcomes().primary()),
                        "the primary outcomes, each with how and when it is measured (outcomes.primary)"),
                RegistryItem.of(20, "Key secondary outcomes", design.outcomes(protocol.outcomes().secondary()),
                        "the key secondary outcomes, if any, each with how and when it is measured (outcomes.secondary)"),
                ethics.missing() || details.ethicsApprovedOn() != null ? ethics
                        : ethics.alsoAsking("the date of approval (registry.ethicsApprovedOn)"),
                RegistryItem.of(22, "Completion date", one(details.completion()),
                        "the date of the last participant's last visit, anticipated or actual (registry.completion)"),
                RegistryItem.asked(23, "Summary results", status == TrialStatus.LOCKED
                        ? "the date results were first posted or published, with a summary, the participant flow, "
                        + "baseline characteristics, outcome measures and adverse events (the CONSORT report has the numbers)"
                        : "once the trial is complete: the date results were first posted or published, with a summary "
                        + "and a link"),
                RegistryItem.of(24, "IPD sharing statement", one(details.ipdSharing()),
                        "whether individual participant data will be shared, and if so which, when, with whom and how "
                                + "(registry.ipdSharing)"));
    }

    private static String registration(Registration registration) {
        return registration.registry() + " " + registration.id();
    }

    private static List<String> one(String answer) {
        return answer == null ? List.of() : List.of(answer);
    }

    private static List<String> secondaryIds(Protocol protocol) {
        List<String> ids = new ArrayList<>(protocol.registrations().stream().skip(1).map(RegistryDataSet::registration).toList());
        ids.addAll(protocol.registry().secondaryIds());
        if (protocol.ethics() != null && protocol.ethics().code() != null) {
            ids.add("Ethics committee approval " + protocol.ethics().code());
        }
        return ids;
    }

    private static List<String> ethics(Protocol protocol) {
        if (protocol.ethics() == null || protocol.ethics().committee() == null) {
            return List.of();
        }
        String approvedOn = protocol.registry().ethicsApprovedOn() == null ? "" : " on " + protocol.registry().ethicsApprovedOn();
        return List.of(protocol.ethics().code() == null ? "Ethics committee: " + protocol.ethics().committee()
                : "Approved by " + protocol.ethics().committee() + approvedOn + ", approval " + protocol.ethics().code());
    }

    /** WHO's recruitment statuses: pending before recruitment opens, complete once it has closed. */
    private static String recruitment(TrialStatus status) {
        return switch (status) {
            case DRAFT -> "Pending";
            case RECRUITING -> "Recruiting";
            case FOLLOW_UP, LOCKED -> "Complete";
        };
    }
}
