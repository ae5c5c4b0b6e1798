package org.trialkeeper.report;

import org.trialkeeper.report.Variable.Level;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An R script, written from a trial's codebook, that reads the trial's CSV exports into data
 * frames with base R alone: each column in its type, each category a factor with the
 * codebook's levels (in order) and their labels, and each column's label in its "label"
 * attribute, where RStudio's viewer and most labelling packages look for it.
 */
final class RScript {

    private RScript() {
    }

    static String of(Codebook codebook) {
        StringBuilder script = new StringBuilder();
        script.append("# The exports of trial ").append(codebook.trialId()).append(" (").append(codebook.trial())
                .append("), read with their labels and factor levels.\n")
                .append("# Run it where the CSV files are, or name their folder: Rscript trial-")
                .append(codebook.trialId()).append(".R <folder>\n")
                .append("args <- commandArgs(trailingOnly = TRUE)\n")
                .append("folder <- if (length(args) > 0) args[1] else \".\"\n\n")
                .append("""
                        read_export <- function(file, classes, factors, labels) {
                          data <- read.csv(file.path(folder, file), colClasses = classes, na.strings = "",
                                           check.names = FALSE, fileEncoding = "UTF-8")
                          for (name in names(factors)) {
                            data[[name]] <- factor(data[[name]], levels = factors[[name]]$levels,
                                                   labels = factors[[name]]$labels)
                          }
                          for (name in names(labels)) {
                            attr(data[[name]], "label") <- labels[[name]]
                          }
                          data
                        }
                        """);
        for (ExportFile file : ExportFile.values()) {
            List<Variable> columns = codebook.of(file);
            script.append("\n# ").append(file.rows()).append('\n')
                    .append(file.dataset()).append(" <- read_export(").append(text(file.fileName(codebook.trialId())))
                    .append(",\n  classes = c(").append(named(columns, RScript::rClass)).append("),\n")
                    .append("  factors = list(").append(factors(columns)).append("),\n")
                    .append("  labels = c(").append(named(columns, Variable::label)).append("))\n");
        }
        return script.toString();
    }

    private static String rClass(Variable column) {
        return switch (column.type()) {
            case STRING, CATEGORY -> "character";
            case INTEGER -> "integer";
            case NUMBER -> "numeric";
            case BOOLEAN -> "logical";
        };
    }

    private static String factors(List<Variable> columns) {
        return columns.stream().filter(c -> c.type() == Variable.Type.CATEGORY)
                .map(c -> "\n    " + text(c.variable()) + " = list(levels = " + vector(c.levels(), Level::code)
                        + ",\n      labels = " + vector(c.levels(), Level::label) + ")")
                .collect(Collectors.joining(","));
    }

    private static String named(List<Variable> columns, Function<Variable, String> value) {
        return columns.stream().map(c -> "\n    " + text(c.variable()) + " = " + text(value.apply(c)))
                .collect(Collectors.joining(","));
    }

    private static String vector(List<Level> levels, Function<Level, String> part) {
        if (levels.isEmpty()) {
            return "character(0)";
        }
        return levels.stream().map(level -> text(part.apply(level))).collect(Collectors.joining(", ", "c(", ")"));
    }

    /** A string literal of R. */
    static String text(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
