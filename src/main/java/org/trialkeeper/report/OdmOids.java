package org.trialkeeper.report;

/**
 * The object identifiers of a trial's ODM file. Protocol codes never hold a dot, so a kind
 * written between dots keeps an instrument, a timepoint and a characteristic with the same code
 * apart, and apart from the enrolment's own definitions. Instruments keep one form, item group
 * and set of items wherever they are used: each timepoint refers to them, as ODM intends.
 */
final class OdmOids {

    static final String METADATA_VERSION = "MDV.1";
    static final String ENROLMENT_EVENT = "SE.ENROLMENT";
    static final String ENROLMENT_FORM = "F.ENROLMENT";
    static final String ENROLMENT_GROUP = "IG.ENROLMENT";
    static final String SITE = "IT.SITE";
    static final String STATUS = "IT.STATUS";
    static final String ARM = "IT.ARM";

    private OdmOids() {
    }

    static String study(String shortName) {
        return "ST." + shortName;
    }

    static String event(String timepoint) {
        return "SE.TP." + timepoint;
    }

    static String form(String instrument) {
        return "F.IN." + instrument;
    }

    static String itemGroup(String instrument) {
        return "IG.IN." + instrument;
    }

    static String item(String instrument, int number) {
        return "IT.IN." + instrument + "." + number;
    }

    static String baseline(String characteristic) {
        return "IT.BL." + characteristic;
    }

    /** The code list of an enrolment item, by the item's OID. */
    static String codeList(String item) {
        return "CL." + item.substring("IT.".length());
    }

    /** The code list every item of an instrument shares: its response values. */
    static String responses(String instrument) {
        return "CL.IN." + instrument;
    }
}
