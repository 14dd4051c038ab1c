/*
 * rule.c: the registry built from rules/rule_list.h, and which rules run.
 *
 * Rules are chosen with clang-tidy-style globs ("-*,missing-unlock"): the
 * process-wide choice comes from the command line (rule_apply_checks); a
 * configuration file's `checks:` is applied per file, on this thread only
 * (rule_use_file_checks), before the command line's globs, which win.
 */
#include "rules/rule.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report/finding.h"
#include "util/glob.h"
#include "util/memory.h"

#define RULE(name) &rule_##name,
const struct rule *const all_rules[] = {
#include "rules/rule_list.h"
};
#undef RULE

const unsigned rule_count = sizeof all_rules / sizeof all_rules[0];

#define RULE_COUNT (sizeof all_rules / sizeof all_rules[0])

static bool disabled[RULE_COUNT];
/* The globs applied process-wide, re-applied after a file's own checks. */
static char *global_globs;
/* Set while this thread checks a file with its own `checks:`. */
static _Thread_local bool file_disabled[RULE_COUNT];
static _Thread_local bool file_selection;

static int rule_index(const struct rule *rule)
{
    for (unsigned i = 0; i < rule_count; i++)
        if (all_rules[i] == rule)
            return (int)i;
    return -1;
}

const struct rule *rule_find(const char *id)
{
    for (unsigned i = 0; i < rule_count; i++)
        if (strcmp(all_rules[i]->id, id) == 0)
            return all_rules[i];
    return NULL;
}

bool rule_enabled(const struct rule *rule)
{
    int i = rule_index(rule);
    return i >= 0 && !(file_selection ? file_disabled : disabled)[i];
}

void rule_set_enabled(const struct rule *rule, bool enabled)
{
    int i = rule_index(rule);
    if (i >= 0)
        disabled[i] = !enabled;
}

/* Walks the comma-separated globs, setting `off` for each rule; with
 * `off` NULL it only validates. False, with a message, when a glob names
 * no rule (most likely a misspelt rule). */
static bool walk_globs(const char *globs, bool *off, char **error)
{
    const char *cursor = globs, *item;
    size_t len;
    while (glob_list_next(&cursor, &item, &len)) {
        bool negative = *item == '-';
        const char *pattern = negative ? item + 1 : item;
        size_t pattern_len = negative ? len - 1 : len;
        bool matched = false;
        for (unsigned i = 0; i < RULE_COUNT; i++)
            if (glob_match_n(pattern, pattern_len, all_rules[i]->id)) {
                matched = true;
                if (off)
                    off[i] = negative;
            }
        if (!matched) {
            if (error)
                *error = str_printf("'%.*s' matches no rule (see lockcheck --list-checks)", (int)len, item);
            return false;
        }
    }
    return true;
}

bool rule_checks_valid(const char *globs, char **error)
{
    return walk_globs(globs, NULL, error);
}

bool rule_apply_checks(const char *globs, char **error)
{
    if (!walk_globs(globs, NULL, error))
        return false;
    walk_globs(globs, disabled, NULL);
    char *joined = global_globs ? str_printf("%s,%s", global_globs, globs) : xstrdup(globs);
    free(global_globs);
    global_globs = joined;
    return true;
}

void rule_use_file_checks(const char *globs)
{
    file_selection = globs != NULL;
    if (!globs)
        return;
    memset(file_disabled, 0, sizeof file_disabled);
    walk_globs(globs, file_disabled, NULL);
    if (global_globs)
        walk_globs(global_globs, file_disabled, NULL);
}
