# The ANCOVA sample size by the closed normal formula with the (1 - rho^2) factor, and pwr's
# numerical solution of the same two-sided normal test as an independent check of the rounding.
# usage: Rscript sample-size.R DIFFERENCE SD RHO ALPHA POWER DROPOUT RATIO_INT RATIO_CONTROL TARGET
suppressMessages(library(pwr))
a <- as.numeric(commandArgs(trailingOnly = TRUE))
delta <- a[1]; sd <- a[2]; rho <- a[3]; alpha <- a[4]; power <- a[5]; dropout <- a[6]; target <- a[9]
share <- a[7] / (a[7] + a[8])
z <- qnorm(1 - alpha / 2) + qnorm(power)
n <- z^2 * sd^2 * (1 - rho^2) * (1 / share + 1 / (1 - share)) / delta^2
ni <- ceiling(n * share); nc <- ceiling(n * (1 - share))
kept <- target * (1 - dropout)
se <- sd * sqrt((1 - rho^2) * (1 / (kept * share) + 1 / (kept * (1 - share))))
out <- function(key, value) cat(sprintf("%s,%.15g\n", key, value))
out("analysedIntervention", ni); out("analysedControl", nc)
out("enrolledIntervention", ceiling(ni / (1 - dropout))); out("enrolledControl", ceiling(nc / (1 - dropout)))
out("detectableDifference", z * se)
out("powerAtTarget", pnorm(delta / se - qnorm(1 - alpha / 2)))
# one-sample normal test with d / sqrt(2): n per arm of the two-sample test with equal arms
out("pwrPerArm", ceiling(pwr.norm.test(d = delta / (sd * sqrt(1 - rho^2)) / sqrt(2), sig.level = alpha, power = power)$n))
