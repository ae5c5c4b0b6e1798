# R's figures for the report's Table 2 additions, the per-protocol analysis and the subgroup
# analysis, on the shared reference data (ancova-items.csv).
# usage: Rscript prespecified.R ITEMS.csv DROPOUTS PER_PROTOCOL_EXCLUDED
# Sex is not in the reference data: odd-numbered participants are female, even-numbered male.
# Prints one "key,value" line per figure, to 15 significant digits.
suppressMessages(library(car))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], comment.char = "#")
codes <- function(a) if (length(args) >= a && nchar(args[a]) > 0) strsplit(args[a], ",")[[1]] else character(0)
drop <- codes(2); notPerProtocol <- codes(3)
tot <- aggregate(value ~ participant + arm + timepoint + instrument, d, sum)
w <- reshape(tot, idvar = c("participant", "arm", "instrument"), timevar = "timepoint", direction = "wide")
names(w) <- sub("value.", "", names(w))
w <- w[!(w$participant %in% drop), ]
w$arm <- factor(w$arm, levels = c("waitlist", "intervention"))
w$sex <- factor(ifelse(as.integer(sub("P", "", w$participant)) %% 2 == 1, "female", "male"), levels = c("female", "male"))
out <- function(key, value) cat(sprintf("%s,%.15g\n", key, value))
ancova <- function(prefix, s) {
  m <- lm(post ~ baseline + arm, data = s)
  a <- Anova(m, type = 3)
  ssa <- a["arm", "Sum Sq"]; sse <- a["Residuals", "Sum Sq"]
  out(paste0(prefix, "n"), nrow(s))
  out(paste0(prefix, "f"), a["arm", "F value"]); out(paste0(prefix, "df2"), a["Residuals", "Df"])
  out(paste0(prefix, "p"), a["arm", "Pr(>F)"]); out(paste0(prefix, "eta2"), ssa / (ssa + sse))
  co <- summary(m)$coefficients; ci <- confint(m)["armintervention", ]
  out(paste0(prefix, "diff"), co["armintervention", 1]); out(paste0(prefix, "diff.se"), co["armintervention", 2])
  out(paste0(prefix, "diff.lower"), ci[1]); out(paste0(prefix, "diff.upper"), ci[2])
  nd <- data.frame(baseline = mean(s$baseline), arm = factor(c("intervention", "waitlist"), levels = levels(s$arm)))
  pr <- predict(m, nd, se.fit = TRUE, interval = "confidence")
  for (i in 1:2) {
    k <- paste0(prefix, c("int", "wait")[i])
    out(k, pr$fit[i, "fit"]); out(paste0(k, ".se"), pr$se.fit[i])
    out(paste0(k, ".lower"), pr$fit[i, "lwr"]); out(paste0(k, ".upper"), pr$fit[i, "upr"])
  }
  # Hedges' g from an ANCOVA (Borenstein et al. 2009, chapter 12)
  n1 <- sum(s$arm == "intervention"); n2 <- sum(s$arm == "waitlist")
  within <- sum(tapply(s$post, s$arm, function(v) sum((v - mean(v))^2)))
  sw <- sqrt(within / (n1 + n2 - 2)); r2 <- 1 - sse / within
  dd <- co["armintervention", 1] / sw; j <- 1 - 3 / (4 * (n1 + n2 - 3) - 1)
  g <- j * dd; se <- j * sqrt((n1 + n2) * (1 - r2) / (n1 * n2) + dd^2 / (2 * (n1 + n2)))
  out(paste0(prefix, "g"), g); out(paste0(prefix, "g.se"), se)
  out(paste0(prefix, "g.lower"), g - qnorm(0.975) * se); out(paste0(prefix, "g.upper"), g + qnorm(0.975) * se)
}
for (ins in sort(unique(w$instrument))) {
  s <- w[w$instrument == ins, ]
  ancova(paste0(ins, ".all."), s)
  ancova(paste0(ins, ".pp."), s[!(s$participant %in% notPerProtocol), ])
  options(contrasts = c("contr.sum", "contr.poly"))
  m <- lm(post ~ baseline + arm * sex, data = s)
  a <- Anova(m, type = 3)
  out(paste0(ins, ".sex.f"), a["arm:sex", "F value"]); out(paste0(ins, ".sex.df1"), a["arm:sex", "Df"])
  out(paste0(ins, ".sex.df2"), a["Residuals", "Df"]); out(paste0(ins, ".sex.p"), a["arm:sex", "Pr(>F)"])
  options(contrasts = c("contr.treatment", "contr.poly"))
  nested <- lm(post ~ baseline + sex + sex:arm, data = s)
  co <- summary(nested)$coefficients; ci <- confint(nested)
  for (lv in levels(s$sex)) {
    term <- paste0("sex", lv, ":armintervention"); k <- paste0(ins, ".sex.", lv)
    out(paste0(k, ".n.int"), sum(s$sex == lv & s$arm == "intervention"))
    out(paste0(k, ".n.wait"), sum(s$sex == lv & s$arm == "waitlist"))
    out(k, co[term, 1]); out(paste0(k, ".se"), co[term, 2]); out(paste0(k, ".p"), co[term, 4])
    out(paste0(k, ".lower"), ci[term, 1]); out(paste0(k, ".upper"), ci[term, 2])
  }
}
