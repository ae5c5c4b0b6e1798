# Berger and Exner's test of selection bias, computed apart from the service: the convergence
# guess is worked out here from the allocations in order, then each baseline measure is
# regressed on it within each arm with lm.
# usage: Rscript berger-exner.R ALLOCATIONS.csv INTERVENTION-ARM MEASURE...
# The CSV has one row per allocation, in order: stratum, arm, then one column per measure.
# Every arm has ratio 1. Prints "measure.arm.figure,value" lines, to 15 significant digits.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
intervention <- args[2]
measures <- args[-(1:2)]
arms <- unique(d$arm)
counts <- list()
d$guess <- NA_real_
for (i in seq_len(nrow(d))) {
  s <- d$stratum[i]
  if (is.null(counts[[s]])) counts[[s]] <- setNames(rep(0, length(arms)), arms)
  behind <- names(counts[[s]])[counts[[s]] == min(counts[[s]])]
  d$guess[i] <- if (intervention %in% behind) 1 / length(behind) else 0
  counts[[s]][d$arm[i]] <- counts[[s]][d$arm[i]] + 1
}
out <- function(key, value) cat(sprintf("%s,%.15g\n", key, value))
for (m in measures) {
  for (a in arms) {
    s <- d[d$arm == a & !is.na(d[[m]]), ]
    co <- summary(lm(s[[m]] ~ s$guess))$coefficients
    key <- paste(m, a, sep = ".")
    out(paste0(key, ".n"), nrow(s))
    out(paste0(key, ".estimate"), co[2, 1]); out(paste0(key, ".se"), co[2, 2])
    out(paste0(key, ".t"), co[2, 3]); out(paste0(key, ".df"), nrow(s) - 2); out(paste0(key, ".p"), co[2, 4])
  }
}
