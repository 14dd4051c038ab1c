/*
 * rule_select.c: --checks= globs applied to the rule table (see
 * rule_select.h). The config file's `checks` key goes through the same
 * function, so both read the same way as clang-tidy's.
 */
#include "rules/rule_select.h"

#include <stdbool.h>
#include <string.h>

#include "report/finding.h"
#include "rules/rule.h"
#include "util/glob.h"

/* Applies one glob; returns false when it matched no rule. */
static bool apply_pattern(const char *pattern, size_t len, bool enable)
{
    bool matched = false;
    for (unsigned r = 0; r < rule_count; r++) {
        if (glob_match_n(pattern, len, all_rules[r]->id)) {
            rule_set_enabled(all_rules[r], enable);
            matched = true;
        }
    }
    return matched;
}

char *rules_apply_checks(const char *spec)
{
    const char *cursor = spec, *item;
    size_t len;
    while (glob_list_next(&cursor, &item, &len)) {
        bool enable = *item != '-';
        if (!apply_pattern(enable ? item : item + 1, enable ? len : len - 1, enable))
            return str_printf("--checks: '%.*s' matches no rule (see lockcheck --list-checks)",
                              (int)len, item);
    }
    return NULL;
}
