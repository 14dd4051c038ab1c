/*
 * suppress.h: clang-tidy's suppression comments, applied to the findings of
 * one translation unit in the worker that analysed it:
 *   // NOLINT                 this line, every rule
 *   // NOLINT(rule, glob*)    this line, the listed rules
 *   // NOLINTNEXTLINE(...)    the next line
 *   // NOLINTBEGIN(...) ... // NOLINTEND(...)   the lines between (a BEGIN
 *                             without its END, or the reverse, silences
 *                             nothing and is reported as a finding of rule
 *                             lockcheck-nolint, as clang-tidy reports it)
 * The comments are read with clang_tokenize (CXToken_Comment) from the main
 * file and from every header that has findings.
 */
#ifndef LOCKCHECK_SUPPRESS_H
#define LOCKCHECK_SUPPRESS_H

struct session;
struct source_files;

#include <stddef.h>

/* Drops the suppressed findings from session->findings; returns how many.
 * Unmatched NOLINTBEGIN/END comments are reported when the selected rules
 * include lockcheck-nolint. */
struct rule_selection;
size_t suppress_findings(struct session *session, struct source_files *files,
                         const struct rule_selection *rules);

#endif
