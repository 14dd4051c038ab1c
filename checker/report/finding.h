/*
 * finding.h: findings are data.
 *
 * The analyses never print. They describe each problem as a `struct finding`
 * (a rule, a primary location, a message and a list of notes) and hand it to
 * a `struct finding_list`. The report writers (report_text.c, and the
 * machine-readable formats) are views of that list. Sorting and de-duplication
 * happen here, so output order is deterministic whatever order the analyses
 * ran in and however many translation units include the same header.
 */
#ifndef LOCKCHECK_FINDING_H
#define LOCKCHECK_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/strings.h" /* str_printf, which builds the messages */

/* A position in a source file, 1-based. `file` is the path as lockcheck
 * reports it (as given on the command line or in the compile database). */
struct source_pos {
    char *file;
    unsigned line;
    unsigned column;
};

struct finding_note {
    struct source_pos pos;
    char *message;
};

/* A lock finding is a warning; a compile error of a checked file is
 * reported among them as an error, under clang-tidy's name for it. */
enum finding_severity { FINDING_WARNING, FINDING_ERROR };
#define COMPILE_ERROR_RULE "clang-diagnostic-error"

struct rule_description;

/* A change that fixes a finding, for tools that apply it (SARIF `fixes`):
 * `text` inserted at `pos`, described in words. */
struct finding_fix {
    struct source_pos pos;
    char *text;
    char *description;
};

struct finding {
    const char *rule;        /* rule id, e.g. "missing-unlock" (description->id) */
    const struct rule_description *description; /* the rule that found it */
    enum finding_severity severity;
    struct source_pos pos;
    char *message;
    struct finding_note *notes;
    size_t note_count;
    /* Identity that survives unrelated edits (report/fingerprint.h): the
     * hash is set per translation unit, the string after sorting. */
    uint64_t fingerprint_hash;
    char *fingerprint;
    struct finding_fix *fix;  /* or NULL */
};

struct finding_list {
    struct finding *items;
    size_t count;
    size_t capacity;
};

/* Starts a finding; the returned pointer stays valid until the next
 * finding_begin on the same list. Strings are copied. */
struct finding *finding_begin(struct finding_list *list, const struct rule_description *rule,
                              struct source_pos pos, const char *message);
/* Orders positions by file, line, column. */
int source_pos_compare(const struct source_pos *a, const struct source_pos *b);

void finding_add_note(struct finding *f, struct source_pos pos, const char *message);
/* Gives the finding a fix (copies the strings; replaces an earlier one). */
void finding_set_fix(struct finding *f, struct source_pos pos, const char *text, const char *description);
/* Adds a compile error (severity error, rule COMPILE_ERROR_RULE). */
void finding_add_compile_error(struct finding_list *list, struct source_pos pos,
                               const char *message);
/* Moves the compile errors of `list` into `errors`, keeping the order. */
void finding_list_take_errors(struct finding_list *list, struct finding_list *errors);

/* Moves every finding of `from` into `into` (used to merge per-thread lists). */
void finding_list_merge(struct finding_list *into, struct finding_list *from);
/* Sorts by file, line, column, rule, message and drops exact duplicates
 * (same rule, position, message and notes). */
void finding_list_sort_unique(struct finding_list *list);
void finding_list_free(struct finding_list *list);
/* Frees the findings whose index i has drop[i] true (drop has one entry per
 * finding) and keeps the others, in order. */
void finding_list_drop(struct finding_list *list, const bool *drop);
/* Keeps the findings for which keep(finding, data) is true, in order, and
 * frees the others. */
void finding_list_filter(struct finding_list *list,
                         bool (*keep)(const struct finding *f, void *data), void *data);

/* Text view: `FILE:LINE:COL: warning: MESSAGE [RULE]` then `note:` lines;
 * compile errors as `FILE:LINE:COL: error: MESSAGE [clang-diagnostic-error]`. */
void report_text(const struct finding_list *list, FILE *out);

#endif
