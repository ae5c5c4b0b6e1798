package org.trialkeeper.report;

import org.trialkeeper.report.Variable.Level;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SPSS syntax, written from a trial's codebook, that reads each CSV export into a dataset of its
 * own with variable labels and value labels. Categories stay text, labelled value by value, as
 * the files hold them; an empty number is system-missing and an empty text blank. SPSS takes
 * names of letters, digits and underscores only, and none of its reserved words, so a column
 * whose name is not one is renamed by the rule of the wide export's columns.
 */
final class SpssSyntax {

    private static final Set<String> RESERVED = Set.of("all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not",
            "or", "to", "with");

    private SpssSyntax() {
    }

    static String of(Codebook codebook) {
        StringBuilder syntax = new StringBuilder()
                .append("* Encoding: UTF-8.\n")
                .append("* The exports of trial ").append(codebook.trialId()).append(" (").append(codebook.trial())
                .append("), read with their variable and value labels.\n")
                .append("* Change the folder below to the one that holds the CSV files.\n")
                .append("CD '.'.\n");
        for (ExportFile file : ExportFile.values()) {
            List<Variable> columns = codebook.of(file);
            List<String> names = names(columns);
            syntax.append("\n* ").append(file.rows()).append(".\n")
                    .append("GET DATA /TYPE=TXT\n  /FILE=").append(quoted(file.fileName(codebook.trialId())))
                    .append("\n  /ENCODING='UTF8'\n  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /DELIMITERS=\",\"\n")
                    .append("  /QUALIFIER='\"'\n  /FIRSTCASE=2\n  /VARIABLES=\n");
            for (int i = 0; i < columns.size(); i++) {
                syntax.append("    ").append(names.get(i)).append(' ').append(format(columns.get(i))).append('\n');
            }
            syntax.append(".\nVARIABLE LABELS\n");
            for (int i = 0; i < columns.size(); i++) {
                syntax.append(i == 0 ? "  " : "  /").append(names.get(i)).append(' ')
                        .append(quoted(columns.get(i).label())).append('\n');
            }
            syntax.append(".\n");
            valueLabels(columns, names, syntax);
            syntax.append("DATASET NAME ").append(file.dataset()).append(".\n");
        }
        return syntax.toString();
    }

    /** The names SPSS reads the columns under, in order. */
    static List<String> names(List<Variable> columns) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Variable column : columns) {
            String name = column.variable();
            names.add(ScoreColumns.unique(RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? name + "_" : name, taken));
        }
        return names;
    }

    private static void valueLabels(List<Variable> columns, List<String> names, StringBuilder syntax) {
        boolean first = true;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).levels().isEmpty()) {
                continue;
            }
            syntax.append(first ? "VALUE LABELS\n  " : "  /").append(names.get(i));
            for (Level level : columns.get(i).levels()) {
                syntax.append(' ').append(quoted(level.code())).append(' ').append(quoted(level.label()));
            }
            syntax.append('\n');
            first = false;
        }
        if (!first) {
            syntax.append(".\n");
        }
    }

    /** How SPSS reads the column: text wide enough for any code or answer, or a number. */
    private static String format(Variable column) {
        return switch (column.type()) {
            case STRING -> "A1024";
            case CATEGORY -> "A" + Math.max(8, column.levels().stream().mapToInt(l -> l.code().length()).max().orElse(8));
            case BOOLEAN -> "A5";
            case INTEGER -> "F8.0";
            case NUMBER -> "F16.4";
        };
    }

    /** A string of SPSS syntax: quoted, with a quote inside doubled. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''").replace("\n", " ") + "'";
    }
}
