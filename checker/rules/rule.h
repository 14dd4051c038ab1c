/*
 * rule.h: what a rule is, which rules run, and how they run on one file.
 *
 * Every rule lives in its own file `rules/check_<name>.c` and defines one
 * `const struct rule rule_<name>`. rules/rule_list.h is the single table that
 * names them all (an X-macro); adding a rule means adding a file and a line
 * there, never editing the engine.
 *
 * A rule observes; the engine computes. It can observe two things:
 *  - the lock-state dataflow of each function (on_lock_event, on_function_end,
 *    given to the engine as a dataflow/observer.h observer): the engine
 *    replays the function once its fixpoint is reached and tells the rule
 *    about every acquisition, release, return, thread exit, access and call
 *    together with the lock state at that point;
 *  - the whole file (check_translation_unit), once every function has been
 *    analysed, for rules that are not about one function's lock state.
 * State a rule keeps across the functions of one file comes from its
 * begin_file hook (given back to every hook, freed by end_file): never a
 * static, since -j workers check files at the same time. Findings go
 * through report_at (ast/session.h) or fa_report, with the rule's
 * description.
 */
#ifndef LOCKCHECK_RULE_H
#define LOCKCHECK_RULE_H

#include <stdbool.h>

#include "dataflow/observer.h"
#include "report/rule_description.h"

struct lock_event;
struct function_analysis;
struct session;

struct rule {
    struct rule_description description;
    void *(*begin_file)(struct session *session);  /* per-file state (NULL: none) */
    void (*end_file)(void *state);                 /* frees it */
    void (*on_lock_event)(struct function_analysis *fa, const struct lock_event *ev, void *state);
    void (*on_function_end)(struct function_analysis *fa, void *state);
    void (*check_translation_unit)(struct session *session, void *state);
    bool observes_every_function;  /* on_function_end for every function analysed
                                      (dataflow/observer.h's every_function) */
};

/* The table: rules/rule_list.h, expanded here. */
#define RULE(name) extern const struct rule rule_##name;
#include "rules/rule_list.h"
#undef RULE

#define RULE(name) RULE_INDEX_##name,
enum {
#include "rules/rule_list.h"
    RULE_COUNT
};
#undef RULE

extern const struct rule *const all_rules[RULE_COUNT];
extern const unsigned rule_count;

/* Looks a rule up by id; NULL when there is none. */
const struct rule *rule_find(const char *id);
/* Every rule's description, in table order (for SARIF's rules[]). */
extern const struct rule_description *const all_rule_descriptions[RULE_COUNT];

/* Which rules run on a file: a value, computed per file. */
struct rule_selection {
    bool enabled[RULE_COUNT];
};

/* Every rule, then a configuration file's `checks:` globs (clang-tidy style,
 * "-*,missing-unlock"; NULL: none), then the command line's --checks (NULL:
 * none), which win. The globs were validated before (rule_checks_valid). */
void rule_select(struct rule_selection *out, const char *file_globs, const char *command_line_globs);
bool rule_selected(const struct rule_selection *selection, const struct rule *rule);
/* Checks globs: false, with a message (caller frees), when a glob names no rule. */
bool rule_checks_valid(const char *globs, char **error);

/* The selected rules running on one file: their descriptions and observers
 * (what the session points to) and their per-file states. */
struct rule_run {
    const struct rule *rules[RULE_COUNT];
    const struct rule_description *descriptions[RULE_COUNT];
    struct analysis_observer observers[RULE_COUNT];
    void *states[RULE_COUNT];
    unsigned count;
};

/* Starts the selected rules on the session's file: calls their begin_file
 * hooks and points the session's rules and observers at `run`. */
void rules_begin_file(struct rule_run *run, const struct rule_selection *selection,
                      struct session *session);
/* The file rules, once every function has been analysed. */
void rules_check_translation_unit(struct rule_run *run, struct session *session);
/* Frees the rules' per-file states (the session no longer points to `run`). */
void rules_end_file(struct rule_run *run, struct session *session);

#endif
