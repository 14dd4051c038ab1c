/*
 * config_report.h: the options that print what a run would use and exit,
 * as clang-tidy's: --list-checks (the rules enabled by the configuration and
 * --checks) and --dump-config (the effective configuration, as a
 * .lockcheck.yml that --config reads back). Both use the configuration of
 * the first file given, or of the current folder.
 */
#ifndef LOCKCHECK_CONFIG_REPORT_H
#define LOCKCHECK_CONFIG_REPORT_H

struct options;

/* Print to standard output; return the exit status (2: a bad configuration). */
int config_report_list_checks(const struct options *opts);
int config_report_dump(const struct options *opts);

#endif
