/*
 * check_lockcheck_nolint.c: the rule for NOLINT comments themselves: a
 * NOLINTBEGIN without its NOLINTEND, or the reverse, silences nothing, and
 * clang-tidy reports it (as clang-tidy-nolint); lockcheck does too.
 *
 * The comments are read where suppressions are applied, after the
 * analyses, by driver/suppress.c, which reports this rule's findings; the
 * table entry gives the rule its id, its descriptions (--list-checks,
 * SARIF) and its place in --checks.
 */
#include "rules/rule.h"

const struct rule rule_lockcheck_nolint = {
    .description.id = "lockcheck-nolint",
    .description.short_description = "A NOLINTBEGIN comment has no NOLINTEND, or the reverse.",
    .description.full_description =
        "NOLINTBEGIN(checks) and NOLINTEND(checks) silence the lines between them; an END "
        "closes the latest BEGIN with the same check list. A BEGIN that is never closed, or "
        "an END that closes nothing, silences nothing (a finding meant to be silenced would "
        "be reported, or one meant to be reported silenced): the comment is reported where "
        "it is written, as clang-tidy reports it.",
};
