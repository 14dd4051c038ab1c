/*
 * rule.c: the registry built from rules/rule_list.h, which rules run on a
 * file, and running them on it.
 *
 * Rules are chosen with clang-tidy-style globs ("-*,missing-unlock"): every
 * rule, then the configuration file's `checks:`, then the command line's
 * --checks, which win. The choice is a value (struct rule_selection) the
 * driver computes per file: no process-wide or thread-local state.
 */
#include "rules/rule.h"

#include <stdlib.h>
#include <string.h>

#include "ast/session.h"
#include "report/finding.h"
#include "util/glob.h"
#include "util/memory.h"
#include "util/strings.h"

#define RULE(name) &rule_##name,
const struct rule *const all_rules[RULE_COUNT] = {
#include "rules/rule_list.h"
};
#undef RULE

#define RULE(name) &rule_##name.description,
const struct rule_description *const all_rule_descriptions[RULE_COUNT] = {
#include "rules/rule_list.h"
};
#undef RULE

const unsigned rule_count = RULE_COUNT;

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
        if (strcmp(all_rules[i]->description.id, id) == 0)
            return all_rules[i];
    return NULL;
}

/* Walks the comma-separated globs, setting `enabled` for each rule; with
 * `enabled` NULL it only validates. False, with a message, when a glob
 * names no rule (most likely a misspelt rule). */
static bool walk_globs(const char *globs, bool *enabled, char **error)
{
    const char *cursor = globs, *item;
    size_t len;
    while (glob_list_next(&cursor, &item, &len)) {
        bool negative = *item == '-';
        const char *pattern = negative ? item + 1 : item;
        size_t pattern_len = negative ? len - 1 : len;
        bool matched = false;
        for (unsigned i = 0; i < RULE_COUNT; i++)
            if (glob_match_n(pattern, pattern_len, all_rules[i]->description.id)) {
                matched = true;
                if (enabled)
                    enabled[i] = !negative;
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

void rule_select(struct rule_selection *out, const char *file_globs, const char *command_line_globs)
{
    for (unsigned i = 0; i < RULE_COUNT; i++)
        out->enabled[i] = true;
    if (file_globs)
        walk_globs(file_globs, out->enabled, NULL);
    if (command_line_globs)
        walk_globs(command_line_globs, out->enabled, NULL);
}

bool rule_selected(const struct rule_selection *selection, const struct rule *rule)
{
    int i = rule_index(rule);
    return i >= 0 && selection->enabled[i];
}

void rules_begin_file(struct rule_run *run, const struct rule_selection *selection,
                      struct session *session)
{
    memset(run, 0, sizeof *run);
    for (unsigned i = 0; i < RULE_COUNT; i++) {
        if (!selection->enabled[i])
            continue;
        const struct rule *rule = all_rules[i];
        unsigned k = run->count++;
        run->rules[k] = rule;
        run->descriptions[k] = &rule->description;
        run->states[k] = rule->begin_file ? rule->begin_file(session) : NULL;
        run->observers[k] = (struct analysis_observer){rule->on_lock_event, rule->on_function_end,
                                                       run->states[k],
                                                       rule->observes_every_function};
    }
    session->rules = run->descriptions;
    session->rule_count = run->count;
    session->observers = run->observers;
    session->observer_count = run->count;
}

void rules_check_translation_unit(struct rule_run *run, struct session *session)
{
    for (unsigned k = 0; k < run->count; k++)
        if (run->rules[k]->check_translation_unit)
            run->rules[k]->check_translation_unit(session, run->states[k]);
}

void rules_end_file(struct rule_run *run, struct session *session)
{
    for (unsigned k = 0; k < run->count; k++)
        if (run->rules[k]->end_file)
            run->rules[k]->end_file(run->states[k]);
    session->rules = NULL;
    session->rule_count = 0;
    session->observers = NULL;
    session->observer_count = 0;
    memset(run, 0, sizeof *run);
}
