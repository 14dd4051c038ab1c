/*
 * rule.h: what a rule is.
 *
 * Every rule lives in its own file `rules/check_<name>.c` and defines one
 * `const struct rule rule_<name>`. rules/rule_list.h is the single table that
 * names them all (an X-macro); adding a rule means adding a file and a line
 * there, never editing the engine.
 *
 * A rule can observe two things:
 *  - the lock-state dataflow of each function (on_lock_event, on_function_end):
 *    the engine replays the function once its fixpoint is reached and tells
 *    the rule about every acquisition, release, return, thread exit, access
 *    and call together with the lock state at that point;
 *  - the whole translation unit (check_translation_unit), for rules that are
 *    not about lock state (thread-crossing checks, ...).
 */
#ifndef LOCKCHECK_RULE_H
#define LOCKCHECK_RULE_H

#include <stdbool.h>

struct lock_event;
struct function_analysis;
struct tu_context;

struct rule {
    const char *id;                 /* "missing-unlock" */
    const char *short_description;  /* one line, for --list-checks and SARIF */
    const char *full_description;   /* a paragraph, for SARIF and the docs */
    void (*on_lock_event)(struct function_analysis *fa, const struct lock_event *ev);
    void (*on_function_end)(struct function_analysis *fa);
    void (*check_translation_unit)(struct tu_context *tu);
};

/* The table: rules/rule_list.h, expanded here. */
#define RULE(name) extern const struct rule rule_##name;
#include "rules/rule_list.h"
#undef RULE

extern const struct rule *const all_rules[];
extern const unsigned rule_count;

/* Looks a rule up by id; NULL when there is none. */
const struct rule *rule_find(const char *id);

/* Which rules run: set by --checks (and the config file). */
bool rule_enabled(const struct rule *rule);
void rule_set_enabled(const struct rule *rule, bool enabled);

/* Applies clang-tidy-style globs ("-*,missing-unlock") to the process-wide
 * choice of rules, in order. False, with a message (caller frees), when a
 * glob names no rule; nothing is changed then. */
bool rule_apply_checks(const char *globs, char **error);
/* Only checks the globs, as rule_apply_checks would. */
bool rule_checks_valid(const char *globs, char **error);
/* For the file this thread checks next: every rule, then `globs` (a config
 * file's checks, already validated), then the process-wide globs (the
 * command line wins). NULL goes back to the process-wide choice. */
void rule_use_file_checks(const char *globs);

#endif
