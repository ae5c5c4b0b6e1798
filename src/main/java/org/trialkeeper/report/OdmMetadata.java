package org.trialkeeper.report;

import org.trialkeeper.analysis.Status;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.protocol.Instrument;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Site;
import org.trialkeeper.protocol.Timepoint;

import java.util.Locale;

/**
 * The Study of an ODM file: its global variables, and one MetaDataVersion from the protocol.
 * Screening and enrolment is an event of its own (site, status, arm, baseline characteristics);
 * each timepoint is an event whose forms are its instruments, one item per questionnaire item.
 * Item wording is licensed, so items are named by number only, as the protocol stores them.
 */
record OdmMetadata(OdmXml xml, Protocol protocol, int protocolVersion, TrialData data) {

    void write() {
        xml.start("Study", "OID", OdmOids.study(protocol.shortName()));
        xml.start("GlobalVariables").text("StudyName", protocol.shortName()).text("StudyDescription", protocol.title())
                .text("ProtocolName", protocol.primaryRegistryId().orElse(protocol.shortName())).end();
        xml.start("MetaDataVersion", "OID", OdmOids.METADATA_VERSION, "Name", "Protocol version " + protocolVersion);
        events();
        forms();
        itemGroups();
        items();
        codeLists();
        xml.end().end();
    }

    private void events() {
        xml.start("Protocol");
        xml.empty("StudyEventRef", "StudyEventOID", OdmOids.ENROLMENT_EVENT, "OrderNumber", "1", "Mandatory", "Yes");
        int order = 2;
        for (Timepoint timepoint : protocol.timepoints()) {
            xml.empty("StudyEventRef", "StudyEventOID", OdmOids.event(timepoint.id()),
                    "OrderNumber", String.valueOf(order++), "Mandatory", "Yes");
        }
        xml.end();
        xml.start("StudyEventDef", "OID", OdmOids.ENROLMENT_EVENT, "Name", "Screening and enrolment",
                "Repeating", "No", "Type", "Scheduled");
        xml.empty("FormRef", "FormOID", OdmOids.ENROLMENT_FORM, "OrderNumber", "1", "Mandatory", "Yes").end();
        for (Timepoint timepoint : protocol.timepoints()) {
            xml.start("StudyEventDef", "OID", OdmOids.event(timepoint.id()), "Name", timepoint.id(),
                    "Repeating", "No", "Type", "Scheduled");
            xml.translated("Description", "Week " + timepoint.week() + " from randomisation ("
                    + timepoint.kind().name().toLowerCase(Locale.ROOT) + ")");
            int form = 1;
            for (String instrument : timepoint.instruments()) {
                xml.empty("FormRef", "FormOID", OdmOids.form(instrument), "OrderNumber", String.valueOf(form++),
                        "Mandatory", "Yes");
            }
            xml.end();
        }
    }

    private void forms() {
        xml.start("FormDef", "OID", OdmOids.ENROLMENT_FORM, "Name", "Screening and enrolment", "Repeating", "No");
        xml.empty("ItemGroupRef", "ItemGroupOID", OdmOids.ENROLMENT_GROUP, "Mandatory", "Yes").end();
        for (Instrument instrument : protocol.instruments()) {
            xml.start("FormDef", "OID", OdmOids.form(instrument.id()), "Name", instrument.name(), "Repeating", "No");
            xml.empty("ItemGroupRef", "ItemGroupOID", OdmOids.itemGroup(instrument.id()), "Mandatory", "Yes").end();
        }
    }

    private void itemGroups() {
        xml.start("ItemGroupDef", "OID", OdmOids.ENROLMENT_GROUP, "Name", "Screening and enrolment", "Repeating", "No");
        xml.empty("ItemRef", "ItemOID", OdmOids.SITE, "OrderNumber", "1", "Mandatory", "Yes");
        xml.empty("ItemRef", "ItemOID", OdmOids.STATUS, "OrderNumber", "2", "Mandatory", "Yes");
        xml.empty("ItemRef", "ItemOID", OdmOids.ARM, "OrderNumber", "3", "Mandatory", "No");
        int order = 4;
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            xml.empty("ItemRef", "ItemOID", OdmOids.baseline(characteristic.id()), "OrderNumber",
                    String.valueOf(order++), "Mandatory", "No");
        }
        xml.end();
        for (Instrument instrument : protocol.instruments()) {
            xml.start("ItemGroupDef", "OID", OdmOids.itemGroup(instrument.id()), "Name", instrument.id(),
                    "Repeating", "No");
            for (int item = 1; item <= instrument.items(); item++) {
                // an item may be left unanswered: the total is then prorated or missing
                xml.empty("ItemRef", "ItemOID", OdmOids.item(instrument.id(), item), "OrderNumber",
                        String.valueOf(item), "Mandatory", "No");
            }
            xml.end();
        }
    }

    private void items() {
        coded(OdmOids.SITE, "Site", "text");
        coded(OdmOids.STATUS, "Status", "text");
        coded(OdmOids.ARM, "Arm allocated", "text");
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            String oid = OdmOids.baseline(characteristic.id());
            xml.start("ItemDef", "OID", oid, "Name", characteristic.id(), "DataType",
                    characteristic.numeric() ? "float" : "text");
            xml.translated("Question", characteristic.label());
            if (!characteristic.numeric()) {
                xml.empty("CodeListRef", "CodeListOID", OdmOids.codeList(oid));
            }
            xml.end();
        }
        for (Instrument instrument : protocol.instruments()) {
            for (int item = 1; item <= instrument.items(); item++) {
                xml.start("ItemDef", "OID", OdmOids.item(instrument.id(), item), "Name", instrument.id() + " item " + item,
                        "DataType", "integer");
                xml.empty("CodeListRef", "CodeListOID", OdmOids.responses(instrument.id())).end();
            }
        }
    }

    private void coded(String oid, String name, String dataType) {
        xml.start("ItemDef", "OID", oid, "Name", name, "DataType", dataType);
        xml.empty("CodeListRef", "CodeListOID", OdmOids.codeList(oid)).end();
    }

    private void codeLists() {
        xml.start("CodeList", "OID", OdmOids.codeList(OdmOids.SITE), "Name", "Sites", "DataType", "text");
        for (Site site : protocol.sites()) {
            codeListItem(site.code(), site.name());
        }
        xml.end().start("CodeList", "OID", OdmOids.codeList(OdmOids.STATUS), "Name", "Statuses", "DataType", "text");
        for (Status status : Status.values()) {
            codeListItem(status.name(), status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        xml.end().start("CodeList", "OID", OdmOids.codeList(OdmOids.ARM), "Name", "Arms", "DataType", "text");
        for (TrialData.ArmInfo arm : data.arms()) {
            codeListItem(arm.code(), arm.label());
        }
        xml.end();
        for (TrialData.Characteristic characteristic : data.characteristics()) {
            if (!characteristic.numeric()) {
                xml.start("CodeList", "OID", OdmOids.codeList(OdmOids.baseline(characteristic.id())),
                        "Name", characteristic.label(), "DataType", "text");
                for (int level = 0; level < characteristic.levels().size(); level++) {
                    codeListItem(characteristic.levels().get(level), characteristic.levelLabels().get(level));
                }
                xml.end();
            }
        }
        for (Instrument instrument : protocol.instruments()) {
            xml.start("CodeList", "OID", OdmOids.responses(instrument.id()), "Name", instrument.id() + " responses",
                    "DataType", "integer");
            for (int value = instrument.itemMin(); value <= instrument.itemMax(); value++) {
                codeListItem(String.valueOf(value), String.valueOf(value));
            }
            xml.end();
        }
    }

    private void codeListItem(String value, String decode) {
        xml.start("CodeListItem", "CodedValue", value).translated("Decode", decode).end();
    }
}
