package org.trialkeeper.protocol;

import org.trialkeeper.problem.Violation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a protocol document, YAML or JSON (JSON is read as YAML), into a {@link Protocol} and
 * checks it against {@link ProtocolRules}. Only plain data is constructed: no tags, no classes.
 */
public final class ProtocolReader {

    static final int MAX_SOURCE_CHARACTERS = 512 * 1024;
    private static final Pattern PART = Pattern.compile("[.\\[]");

    private ProtocolReader() {
    }

    /** The protocol, or an {@link InvalidProtocolException} listing every violation found. */
    public static Protocol read(String source) {
        List<Violation> violations = new ArrayList<>();
        Object document = parse(source, violations);
        Protocol protocol = null;
        if (violations.isEmpty()) {
            Fields root = Fields.of("", document, violations);
            if (root != null) {
                protocol = protocol(root);
                root.rejectUnknownKeys();
            }
        }
        if (protocol != null) {
            violations.addAll(ProtocolRules.check(protocol, unreadableParts(violations)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidProtocolException(violations);
        }
        return protocol;
    }

    /**
     * The top-level parts a violation of their structure left incomplete: an unknown key takes
     * nothing away from what was read beside it.
     */
    private static Set<String> unreadableParts(List<Violation> violations) {
        Set<String> parts = new HashSet<>();
        for (Violation violation : violations) {
            if (!violation.rule().equals("unknown-key")) {
                parts.add(PART.split(violation.field(), 2)[0]);
            }
        }
        return parts;
    }

    private static Object parse(String source, List<Violation> violations) {
        if (source == null || source.isBlank()) {
            violations.add(new Violation("$", "required", "the protocol document is empty"));
            return null;
        }
        if (source.length() > MAX_SOURCE_CHARACTERS) {
            violations.add(new Violation("$", "max-length", "the protocol is longer than "
                    + MAX_SOURCE_CHARACTERS + " characters"));
            return null;
        }
        try {
            return yaml().load(source);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String rule = e.getClass().getSimpleName().startsWith("DuplicateKey") ? "duplicate-key" : "syntax";
            violations.add(new Violation("$", rule, e.getProblem() + where));
        } catch (YAMLException e) {
            violations.add(new Violation("$", "syntax", "not a readable YAML or JSON document"));
        }
        return null;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(30);
        options.setCodePointLimit(MAX_SOURCE_CHARACTERS);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new PlainScalars());
    }

    private static Protocol protocol(Fields root) {
        String shortName = root.text("shortName");
        String title = root.longText("title");
        List<Registration> registrations = root.objects("registrations", false,
                f -> new Registration(f.text("registry"), f.text("id")));
        Ethics ethics = nested(root.optionalObject("ethics"),
                f -> new Ethics(f.longText("committee"), f.text("code")));
        List<Arm> arms = root.objects("arms", true, f -> new Arm(f.text("code"), f.text("label"),
                f.code("role", ArmRole.class), f.integer("ratio", 1), f.flag("waitlist", false)));
        int target = root.integer("targetSampleSize");
        List<Site> sites = root.objects("sites", true, f -> new Site(f.text("code"), f.longText("name")));
        Randomisation randomisation = nested(root.object("randomisation"), ProtocolReader::randomisation);
        Eligibility eligibility = nested(root.object("eligibility"), f -> new Eligibility(
                f.objects("inclusion", true, ProtocolReader::criterion),
                f.objects("exclusion", false, ProtocolReader::criterion)));
        List<BaselineCharacteristic> baseline = root.objects("baseline", false, f -> new BaselineCharacteristic(
                f.text("id"), f.text("label"), f.code("type", CharacteristicType.class),
                f.optionalNumber("min"), f.optionalNumber("max"), f.texts("levels", false), f.textsByName("levelLabels")));
        List<Instrument> instruments = root.objects("instruments", true, ProtocolReader::instrument);
        List<Timepoint> timepoints = root.objects("timepoints", true, f -> {
            TimepointKind kind = f.code("kind", TimepointKind.class);
            // the blinding guess is asked once the intervention has had its chance to show: by default not at baseline
            return new Timepoint(f.text("id"), kind, f.integer("week"), f.texts("instruments", true),
                    f.flag("askGuess", kind != TimepointKind.BASELINE));
        });
        Intervention intervention = nested(root.object("intervention"), f -> new Intervention(
                f.longText("name"), f.integer("sessions"), f.integer("sessionMinutes"),
                f.integer("sessionsPerWeek", 1), f.code("delivery", Delivery.class),
                f.integer("absencesExcludingPerProtocol")));
        Outcomes outcomes = nested(root.object("outcomes"), f -> new Outcomes(
                f.objects("primary", true, ProtocolReader::outcome),
                f.objects("secondary", false, ProtocolReader::outcome)));
        Analysis analysis = nested(root.object("analysis"), ProtocolReader::analysis);
        EmergencyUnblinding unblinding = nested(root.optionalObject("emergencyUnblinding"),
                f -> new EmergencyUnblinding(f.texts("roles", true)));
        Harms harms = nested(root.optionalObject("harms"), f -> new Harms(f.texts("notify", true)));
        Monitoring monitoring = nested(root.optionalObject("monitoring"), f -> new Monitoring(
                f.present("roles") ? f.texts("roles", true) : Monitoring.DEFAULT.roles(), f.optionalNumber("warnAbove")));
        RegistryDetails registry = nested(root.optionalObject("registry"), ProtocolReader::registry);
        return new Protocol(shortName, title, registrations, ethics, arms, target, sites, randomisation,
                eligibility, baseline, instruments, timepoints, intervention, outcomes, analysis,
                unblinding == null ? EmergencyUnblinding.DEFAULT : unblinding, harms == null ? Harms.DEFAULT : harms,
                monitoring == null ? Monitoring.DEFAULT : monitoring, registry == null ? RegistryDetails.NONE : registry);
    }

    private static RegistryDetails registry(Fields f) {
        return new RegistryDetails(f.optionalText("registeredOn"), f.texts("secondaryIds", false),
                f.texts("funding", false), f.optionalLongText("primarySponsor"), f.texts("secondarySponsors", false),
                f.optionalLongText("publicContact"), f.optionalLongText("scientificContact"),
                f.optionalLongText("publicTitle"), f.texts("countries", false), f.texts("conditions", false),
                f.optionalText("purpose"), f.optionalText("phase"), f.optionalText("firstEnrolment"),
                f.optionalText("ethicsApprovedOn"), f.optionalText("completion"), f.optionalLongText("ipdSharing"));
    }

    private static <T> T nested(Fields fields, java.util.function.Function<Fields, T> reader) {
        if (fields == null) {
            return null;
        }
        T result = reader.apply(fields);
        fields.rejectUnknownKeys();
        return result;
    }

    private static Randomisation randomisation(Fields f) {
        return new Randomisation(f.code("scheme", Scheme.class), f.integers("blockSizes", false),
                f.texts("stratifyBy", false),
                f.objects("factors", false, factor -> new MinimisationFactor(factor.text("factor"),
                        factor.number("weight", 1.0))),
                f.optionalNumber("minimisingArmProbability"));
    }

    private static Analysis analysis(Fields f) {
        double alpha = f.number("alpha", 0.05);
        return new Analysis(f.code("method", AnalysisMethod.class, AnalysisMethod.ANCOVA), alpha,
                f.code("population", AnalysisPopulation.class, AnalysisPopulation.COMPLETE_CASES),
                f.codes("sensitivity", SensitivityAnalysis.class), f.texts("subgroups", false),
                nested(f.optionalObject("sampleSize"), s -> new SampleSizePlan(s.number("difference"), s.number("sd"),
                        s.number("correlation", 0), s.number("alpha", alpha), s.number("power", 0.8),
                        s.number("dropout", 0))));
    }

    private static Criterion criterion(Fields f) {
        return new Criterion(f.text("id"), f.longText("text"));
    }

    private static Instrument instrument(Fields f) {
        return new Instrument(f.text("id"), f.longText("name"), f.integer("items"), f.integer("itemMin"),
                f.integer("itemMax"), f.integers("reversed", false),
                f.objects("subscales", false, s -> new Subscale(s.text("id"), s.longText("name"),
                        s.integers("items", true))),
                f.code("total", TotalRule.class, TotalRule.SUM), f.integer("maxProratedItems", 0));
    }

    private static Outcome outcome(Fields f) {
        return new Outcome(f.text("instrument"), f.optionalText("subscale"), f.text("timepoint"));
    }

    /**
     * YAML 1.1 reads yes, no, on and off as booleans, which would turn a category level such
     * as "no" into false. Only true and false are booleans here, as in YAML 1.2 and JSON.
     */
    private static final class PlainScalars extends Resolver {

        private static final Pattern BOOLEAN = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOLEAN, "tTfF");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
        }
    }
}
