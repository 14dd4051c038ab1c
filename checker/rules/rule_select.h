/*
 * rule_select.h: choosing rules with clang-tidy's --checks= syntax.
 */
#ifndef LOCKCHECK_RULE_SELECT_H
#define LOCKCHECK_RULE_SELECT_H

/* Applies a comma-separated list of globs, in order, to the rule table:
 * `pattern` enables every matching rule, `-pattern` disables them
 * (`-*,missing-unlock`, `*`, `-double-lock`, `thread-*`). Whitespace around
 * patterns and empty items are ignored. Returns NULL on success, or an
 * allocated one-line message when a pattern matches no rule (the rules
 * before it stay applied). */
char *rules_apply_checks(const char *spec);

#endif
