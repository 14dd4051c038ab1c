/*
 * rule_description.h: what a finding says about the rule that found it:
 * its id and its descriptions (--list-checks, SARIF's rules[], HTML).
 * Each rule (rules/rule.h) embeds one; findings point to it, so the views
 * need no rule table.
 */
#ifndef LOCKCHECK_RULE_DESCRIPTION_H
#define LOCKCHECK_RULE_DESCRIPTION_H

struct rule_description {
    const char *id;                 /* "missing-unlock" */
    const char *short_description;  /* one line, for --list-checks and SARIF */
    const char *full_description;   /* a paragraph, for SARIF and the docs */
};

/* Compile errors of checked files, reported among the findings under
 * clang-tidy's name (COMPILE_ERROR_RULE). */
extern const struct rule_description compile_error_rule;

#endif
