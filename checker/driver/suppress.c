/*
 * suppress.c: NOLINT comments (see suppress.h). Each file's comments become
 * a list of line ranges, each with the rule globs it silences (none given:
 * every rule); a finding on a line inside a matching range is dropped.
 */
#define _GNU_SOURCE /* memmem */
#include "driver/suppress.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ast/session.h"
#include "driver/source_file.h"
#include "rules/rule.h"
#include "util/glob.h"
#include "util/memory.h"
#include "util/strings.h"

enum nolint_kind { NOLINT_LINE, NOLINT_NEXT_LINE, NOLINT_BEGIN, NOLINT_END };


/* One directive as written: its line and its check list (NULL: every rule). */
struct nolint {
    enum nolint_kind kind;
    unsigned line, column;
    char *checks;
};

struct suppression {
    unsigned first_line, last_line;
    char *checks; /* borrowed from a struct nolint */
};

struct file_suppressions {
    char *name;
    struct nolint *directives;
    size_t directive_count, directive_capacity;
    struct suppression *ranges;
    size_t range_count, range_capacity;
};

struct suppress_state {
    struct file_suppressions *files;
    size_t count, capacity;
};

static const struct {
    const char *suffix;
    enum nolint_kind kind;
} nolint_suffixes[] = {
    {"NEXTLINE", NOLINT_NEXT_LINE}, {"BEGIN", NOLINT_BEGIN}, {"END", NOLINT_END}, {"", NOLINT_LINE},
};

/* Parses the directive starting at `p` (just after "NOLINT"); returns false
 * when it is not one (NOLINTFOO, an unclosed parenthesis). */
static bool parse_directive(const char *p, struct nolint *out)
{
    for (size_t i = 0; i < sizeof nolint_suffixes / sizeof nolint_suffixes[0]; i++) {
        size_t n = strlen(nolint_suffixes[i].suffix);
        if (strncmp(p, nolint_suffixes[i].suffix, n) != 0 || is_identifier_char(p[n]))
            continue;
        out->kind = nolint_suffixes[i].kind;
        out->checks = NULL;
        p += n;
        if (*p != '(')
            return true;
        const char *close = strchr(p, ')');
        if (!close)
            return false;
        out->checks = xmalloc((size_t)(close - p));
        memcpy(out->checks, p + 1, (size_t)(close - p - 1));
        out->checks[close - p - 1] = '\0';
        return true;
    }
    return false;
}

static void add_directive(struct file_suppressions *fs, struct nolint d)
{
    ARRAY_RESERVE(fs->directives, fs->directive_capacity, fs->directive_count + 1);
    fs->directives[fs->directive_count++] = d;
}

/* Every directive in one comment, which starts at `line`:`column`. */
static void scan_comment(struct file_suppressions *fs, const char *text, unsigned line,
                         unsigned column)
{
    for (const char *p = text; (p = strstr(p, "NOLINT")) != NULL; p += 6) {
        if (p > text && is_identifier_char(p[-1]))
            continue;
        struct nolint d = {.line = line};
        const char *line_start = NULL;
        for (const char *q = text; q < p; q++)
            if (*q == '\n')
                d.line++, line_start = q + 1;
        d.column = line_start ? (unsigned)(p - line_start) + 1 : column + (unsigned)(p - text);
        if (parse_directive(p + 6, &d))
            add_directive(fs, d);
    }
}

static void scan_comments(struct file_suppressions *fs, struct session *session,
                          const struct source_file *sf)
{
    CXSourceRange range = clang_getRange(clang_getLocationForOffset(session->unit.cx, sf->file, 0),
                                         clang_getLocationForOffset(session->unit.cx, sf->file,
                                                                    (unsigned)sf->size));
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(session->unit.cx, range, &tokens, &count);
    for (unsigned i = 0; i < count; i++) {
        if (clang_getTokenKind(tokens[i]) != CXToken_Comment)
            continue;
        unsigned line, column;
        clang_getSpellingLocation(clang_getTokenLocation(session->unit.cx, tokens[i]), NULL, &line, &column,
                                  NULL);
        CXString spelling = clang_getTokenSpelling(session->unit.cx, tokens[i]);
        scan_comment(fs, clang_getCString(spelling), line, column);
        clang_disposeString(spelling);
    }
    if (tokens)
        clang_disposeTokens(session->unit.cx, tokens, count);
}

static void add_range(struct file_suppressions *fs, unsigned first, unsigned last, char *checks)
{
    ARRAY_RESERVE(fs->ranges, fs->range_capacity, fs->range_count + 1);
    fs->ranges[fs->range_count++] = (struct suppression){first, last, checks};
}

/* Check lists compared as clang-tidy does for BEGIN/END pairs: same text,
 * whitespace aside. */
static bool same_checks(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    for (;;) {
        while (isspace((unsigned char)*a))
            a++;
        while (isspace((unsigned char)*b))
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++, b++;
    }
}

/* An END closes the latest open BEGIN with the same check list; false when
 * there is none. */
static bool close_begin(struct file_suppressions *fs, bool *open, const struct nolint *end)
{
    for (size_t j = fs->directive_count; j-- > 0;) {
        const struct nolint *d = &fs->directives[j];
        if (d->kind == NOLINT_BEGIN && open[j] && d->line <= end->line &&
            same_checks(d->checks, end->checks)) {
            open[j] = false;
            add_range(fs, d->line, end->line, d->checks);
            return true;
        }
    }
    return false;
}

/* An unmatched BEGIN or END silences nothing and is reported, with
 * clang-tidy's words, as a finding of its own. */
static void report_unmatched(struct finding_list *findings, const char *file, const struct nolint *d)
{
    struct source_pos pos = {(char *)file, d->line, d->column};
    finding_begin(findings, &rule_lockcheck_nolint.description, pos,
                  d->kind == NOLINT_BEGIN
                      ? "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment"
                      : "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment");
}

static void build_ranges(struct file_suppressions *fs, struct finding_list *unmatched)
{
    bool *open = xcalloc(fs->directive_count + 1, sizeof *open);
    for (size_t i = 0; i < fs->directive_count; i++) {
        struct nolint *d = &fs->directives[i];
        switch (d->kind) {
        case NOLINT_LINE:
            add_range(fs, d->line, d->line, d->checks);
            break;
        case NOLINT_NEXT_LINE:
            add_range(fs, d->line + 1, d->line + 1, d->checks);
            break;
        case NOLINT_BEGIN:
            open[i] = true;
            break;
        case NOLINT_END:
            if (!close_begin(fs, open, d))
                report_unmatched(unmatched, fs->name, d);
            break;
        }
    }
    for (size_t i = 0; i < fs->directive_count; i++)
        if (open[i])
            report_unmatched(unmatched, fs->name, &fs->directives[i]);
    free(open);
}

static bool checks_match(const char *checks, const char *rule)
{
    if (!checks)
        return true;
    const char *cursor = checks, *item;
    size_t len;
    while (glob_list_next(&cursor, &item, &len))
        if (glob_match_n(item, len, rule))
            return true;
    return false;
}

static bool finding_kept(const struct finding *f, void *data)
{
    struct suppress_state *state = data;
    for (size_t i = 0; i < state->count; i++) {
        const struct file_suppressions *fs = &state->files[i];
        if (strcmp(fs->name, f->pos.file) != 0)
            continue;
        for (size_t r = 0; r < fs->range_count; r++) {
            const struct suppression *s = &fs->ranges[r];
            if (f->pos.line >= s->first_line && f->pos.line <= s->last_line &&
                checks_match(s->checks, f->rule))
                return false;
        }
    }
    return true;
}

static bool state_has_file(const struct suppress_state *state, const char *name)
{
    for (size_t i = 0; i < state->count; i++)
        if (strcmp(state->files[i].name, name) == 0)
            return true;
    return false;
}

static void state_add_file(struct suppress_state *state, struct session *session,
                           struct source_files *files, const char *name,
                           struct finding_list *unmatched)
{
    ARRAY_RESERVE(state->files, state->capacity, state->count + 1);
    struct file_suppressions *fs = &state->files[state->count++];
    memset(fs, 0, sizeof *fs);
    fs->name = xstrdup(name);
    const struct source_file *sf = source_files_get(files, session, name);
    if (!sf->contents || !memmem(sf->contents, sf->size, "NOLINT", 6))
        return;
    scan_comments(fs, session, sf);
    build_ranges(fs, unmatched);
}

static void state_free(struct suppress_state *state)
{
    for (size_t i = 0; i < state->count; i++) {
        for (size_t d = 0; d < state->files[i].directive_count; d++)
            free(state->files[i].directives[d].checks);
        free(state->files[i].directives);
        free(state->files[i].ranges);
        free(state->files[i].name);
    }
    free(state->files);
}

size_t suppress_findings(struct session *session, struct source_files *files,
                         const struct rule_selection *rules)
{
    struct suppress_state state = {0};
    struct finding_list *list = session->findings;
    size_t before = list->count;
    struct finding_list unmatched = {0};
    state_add_file(&state, session, files, session->unit.main_name, &unmatched);
    for (size_t i = 0; i < list->count; i++)
        if (!state_has_file(&state, list->items[i].pos.file))
            state_add_file(&state, session, files, list->items[i].pos.file, &unmatched);
    finding_list_filter(list, finding_kept, &state);
    state_free(&state);
    size_t suppressed = before - list->count;
    if (rule_selected(rules, &rule_lockcheck_nolint))
        finding_list_merge(list, &unmatched);
    finding_list_free(&unmatched);
    return suppressed;
}
