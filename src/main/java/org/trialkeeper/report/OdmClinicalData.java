package org.trialkeeper.report;

import org.trialkeeper.analysis.Cohort;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Timepoint;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ClinicalData of an ODM file: one SubjectData per person screened, with what screening and
 * randomisation recorded, and each timepoint's questionnaires item by item. As in the CSV
 * exports, the responses of participants who withdrew consent without allowing their data to be
 * kept are left out; an unanswered item has no ItemData, since a snapshot has no null values.
 */
record OdmClinicalData(OdmXml xml, Protocol protocol, TrialData data, List<AssessmentService.Entered> entered) {

    void write() {
        Map<Long, Map<String, AssessmentService.Entered>> assessments = byParticipant();
        Cohort people = data.people();
        xml.start("ClinicalData", "StudyOID", OdmOids.study(protocol.shortName()),
                "MetaDataVersionOID", OdmOids.METADATA_VERSION);
        for (int p = 0; p < people.size(); p++) {
            xml.start("SubjectData", "SubjectKey", people.code(p));
            enrolment(people, p);
            if (people.keepData(p)) {
                timepoints(assessments.getOrDefault(people.id(p), Map.of()));
            }
            xml.end();
        }
        xml.end();
    }

    private void enrolment(Cohort people, int p) {
        xml.start("StudyEventData", "StudyEventOID", OdmOids.ENROLMENT_EVENT)
                .start("FormData", "FormOID", OdmOids.ENROLMENT_FORM)
                .start("ItemGroupData", "ItemGroupOID", OdmOids.ENROLMENT_GROUP);
        value(OdmOids.SITE, people.site(p));
        value(OdmOids.STATUS, people.status(p).name());
        if (people.randomised(p)) {
            value(OdmOids.ARM, people.arm(p));
        }
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            Object answer = people.baseline(characteristic.id(), p);
            if (answer instanceof Number number) {
                value(OdmOids.baseline(characteristic.id()), BigDecimal.valueOf(number.doubleValue())
                        .stripTrailingZeros().toPlainString());
            } else if (answer != null) {
                value(OdmOids.baseline(characteristic.id()), answer.toString());
            }
        }
        xml.end().end().end();
    }

    /** The protocol's timepoints in order, each with the instruments entered for it, in the protocol's order. */
    private void timepoints(Map<String, AssessmentService.Entered> assessments) {
        for (Timepoint timepoint : protocol.timepoints()) {
            List<AssessmentService.Entered> forms = timepoint.instruments().stream()
                    .map(instrument -> assessments.get(key(timepoint.id(), instrument)))
                    .filter(Objects::nonNull).toList();
            if (forms.isEmpty()) {
                continue;
            }
            xml.start("StudyEventData", "StudyEventOID", OdmOids.event(timepoint.id()));
            for (AssessmentService.Entered form : forms) {
                xml.start("FormData", "FormOID", OdmOids.form(form.instrument()))
                        .start("ItemGroupData", "ItemGroupOID", OdmOids.itemGroup(form.instrument()));
                for (int item = 0; item < form.responses().size(); item++) {
                    Integer response = form.responses().get(item);
                    if (response != null) {
                        value(OdmOids.item(form.instrument(), item + 1), response.toString());
                    }
                }
                xml.end().end();
            }
            xml.end();
        }
    }

    private void value(String item, String value) {
        xml.empty("ItemData", "ItemOID", item, "Value", value);
    }

    /** Each participant's assessments by timepoint and instrument; a later one of the same key replaces an earlier. */
    private Map<Long, Map<String, AssessmentService.Entered>> byParticipant() {
        Map<Long, Map<String, AssessmentService.Entered>> assessments = new HashMap<>();
        for (AssessmentService.Entered assessment : entered) {
            assessments.computeIfAbsent(assessment.participantId(), id -> new HashMap<>())
                    .put(key(assessment.timepoint(), assessment.instrument()), assessment);
        }
        return assessments;
    }

    private static String key(String timepoint, String instrument) {
        return timepoint + "/" + instrument;
    }
}
