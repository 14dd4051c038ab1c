/*
 * file_order.c: the first pass's order of files (see file_order.h).
 *
 *   each file: its text scanned -> definitions and the names each body calls
 *   -> per file, which definitions lock (a fixpoint over its own calls)
 *   -> the locking definitions of every file, sorted by name
 *   -> per file, the other files defining a locking function it calls
 *   -> an order with few files before one they need
 */
#include "driver/file_order.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/file_text.h"
#include "util/memory.h"
#include "util/strings.h"

/* How many times the per-file fixpoint may go over the definitions. */
#define LOCKING_ROUNDS 64

struct definition {
    char *name;
    size_t first_call, call_count;  /* its body's calls in scanned_file.calls */
    bool locks;
};

struct scanned_file {
    struct definition *defs;
    size_t def_count, def_capacity;
    struct definition **by_name;    /* the definitions, sorted by name */
    char **calls;               /* names called in bodies, in order */
    size_t call_count, call_capacity;
};

/* A locking definition: which file defines `name`. */
struct locker {
    const char *name;
    size_t file;
};

/* ---- the scan --------------------------------------------------------------------- */

struct scanner {
    const char *text;
    size_t length, at;
    bool line_start;            /* only blanks since the last newline */
};

static bool at_end(const struct scanner *s)
{
    return s->at >= s->length;
}

/* Past a comment, a string or character literal, or a `#` line at s->at;
 * false when there is none there. */
static bool skip_non_code(struct scanner *s)
{
    const char *t = s->text;
    size_t n = s->length;
    char c = t[s->at];
    if (c == '/' && s->at + 1 < n && t[s->at + 1] == '/') {
        while (s->at < n && t[s->at] != '\n')
            s->at++;
        return true;
    }
    if (c == '/' && s->at + 1 < n && t[s->at + 1] == '*') {
        s->at += 2;
        while (s->at + 1 < n && !(t[s->at] == '*' && t[s->at + 1] == '/'))
            s->at++;
        s->at = s->at + 2 < n ? s->at + 2 : n;
        return true;
    }
    if (c == '"' || c == '\'') {
        s->at++;
        while (s->at < n && t[s->at] != c && t[s->at] != '\n')
            s->at += t[s->at] == '\\' ? 2 : 1;
        s->at = s->at + 1 < n ? s->at + 1 : n;
        return true;
    }
    if (c == '#' && s->line_start) {
        while (s->at < n && t[s->at] != '\n')
            s->at += t[s->at] == '\\' ? 2 : 1;
        return true;
    }
    return false;
}

/* The next byte of code after blanks and non-code, or 0 at the end. */
static char peek_code(struct scanner *s)
{
    while (!at_end(s)) {
        char c = s->text[s->at];
        if (c == '\n') {
            s->line_start = true;
            s->at++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            s->at++;
        } else if (!skip_non_code(s)) {
            return c;
        }
    }
    return 0;
}

static bool is_statement_word(const char *name, size_t length)
{
    static const char *const words[] = {"if", "while", "for", "switch", "return", "sizeof",
                                        "_Alignof", "alignof", "typeof", "__typeof__",
                                        "_Generic", "defined", "do", "case", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == length && memcmp(words[i], name, length) == 0)
            return true;
    return false;
}

static bool is_attribute_word(const char *name, size_t length)
{
    return (length >= 11 && memcmp(name, "__attribute", 11) == 0) ||
           (length >= 5 && memcmp(name, "__asm", 5) == 0) || (length == 3 && memcmp(name, "asm", 3) == 0);
}

static void add_call(struct scanned_file *f, const char *name, size_t length)
{
    ARRAY_RESERVE(f->calls, f->call_capacity, f->call_count + 1);
    f->calls[f->call_count++] = xstrndup(name, length);
}

static void add_definition(struct scanned_file *f, const char *name, size_t length)
{
    ARRAY_RESERVE(f->defs, f->def_capacity, f->def_count + 1);
    f->defs[f->def_count++] = (struct definition){xstrndup(name, length), f->call_count, 0, false};
}

/* Definitions and calls of one file's text. */
static void scan_text(const char *text, size_t length, struct scanned_file *f)
{
    struct scanner s = {text, length, 0, true};
    unsigned braces = 0, parens = 0;
    const char *candidate = NULL;   /* `NAME (` outside braces and parentheses */
    size_t candidate_length = 0;
    bool in_definition = false;
    char c;
    while ((c = peek_code(&s)) != 0) {
        s.line_start = false;
        if (is_identifier_char((unsigned char)c) && !(c >= '0' && c <= '9')) {
            const char *name = text + s.at;
            while (!at_end(&s) && is_identifier_char((unsigned char)text[s.at]))
                s.at++;
            size_t name_length = (size_t)(text + s.at - name);
            if (peek_code(&s) != '(' || is_statement_word(name, name_length))
                continue;
            if (braces > 0 && in_definition)
                add_call(f, name, name_length);
            else if (braces == 0 && parens == 0 && !(candidate && is_attribute_word(name, name_length))) {
                candidate = name;
                candidate_length = name_length;
            }
            continue;
        }
        s.at++;
        if (c == '(') {
            parens++;
        } else if (c == ')') {
            parens -= parens > 0;
        } else if (c == '{') {
            if (braces == 0) {
                in_definition = candidate && parens == 0;
                if (in_definition)
                    add_definition(f, candidate, candidate_length);
                candidate = NULL;
            }
            braces++;
        } else if (c == '}') {
            braces -= braces > 0;
            if (braces == 0 && in_definition) {
                struct definition *d = &f->defs[f->def_count - 1];
                d->call_count = f->call_count - d->first_call;
                in_definition = false;
            }
        } else if ((c == ';' || c == '=' || c == ',') && braces == 0 && parens == 0) {
            candidate = NULL;
        } else if (c >= '0' && c <= '9') {
            while (!at_end(&s) && is_identifier_char((unsigned char)text[s.at]))
                s.at++;
        }
    }
    if (in_definition) {
        struct definition *d = &f->defs[f->def_count - 1];
        d->call_count = f->call_count - d->first_call;
    }
}

/* ---- which definitions lock ----------------------------------------------------------- */

static int compare_definitions(const void *a, const void *b)
{
    return strcmp((*(const struct definition *const *)a)->name, (*(const struct definition *const *)b)->name);
}

/* The file's definition of `name` (sorted: its definitions by name), or NULL. */
static struct definition *find_definition(struct definition **sorted, size_t count, const char *name)
{
    struct definition key = {(char *)name, 0, 0, false}, *k = &key;
    struct definition **found = bsearch(&k, sorted, count, sizeof *sorted, compare_definitions);
    return found ? *found : NULL;
}

static void sort_definitions(struct scanned_file *f)
{
    f->by_name = xcalloc(f->def_count + 1, sizeof *f->by_name);
    for (size_t d = 0; d < f->def_count; d++)
        f->by_name[d] = &f->defs[d];
    qsort(f->by_name, f->def_count, sizeof *f->by_name, compare_definitions);
}

static void mark_locking(struct scanned_file *f, size_t file, file_order_locks_fn locks, void *data)
{
    for (size_t d = 0; d < f->def_count; d++) {
        struct definition *def = &f->defs[d];
        for (size_t c = 0; c < def->call_count && !def->locks; c++)
            def->locks = locks(data, file, f->calls[def->first_call + c]);
    }
    bool changed = true;
    for (unsigned round = 0; changed && round < LOCKING_ROUNDS; round++) {
        changed = false;
        for (size_t d = 0; d < f->def_count; d++) {
            struct definition *def = &f->defs[d];
            for (size_t c = 0; c < def->call_count && !def->locks; c++) {
                struct definition *callee = find_definition(f->by_name, f->def_count, f->calls[def->first_call + c]);
                if (callee && callee->locks)
                    def->locks = changed = true;
            }
        }
    }
}

/* ---- the order -------------------------------------------------------------------------- */

static int compare_lockers(const void *a, const void *b)
{
    const struct locker *x = a, *y = b;
    int by_name = strcmp(x->name, y->name);
    return by_name ? by_name : (x->file > y->file) - (x->file < y->file);
}

/* The first locker of `name` in the sorted list, or count. */
static size_t first_locker(const struct locker *lockers, size_t count, const char *name)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (strcmp(lockers[mid].name, name) < 0)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

struct needs {
    size_t *files;
    size_t count, capacity;
};

static void find_needs(struct scanned_file *files, size_t count, const struct locker *lockers,
                       size_t locker_count, struct needs *needs)
{
    for (size_t a = 0; a < count; a++) {
        struct scanned_file *f = &files[a];
        f->call_count = str_sort_unique(f->calls, f->call_count); /* the bodies are done with */
        for (size_t c = 0; c < f->call_count; c++) {
            if (find_definition(f->by_name, f->def_count, f->calls[c]))
                continue; /* its own definition is the one called */
            for (size_t l = first_locker(lockers, locker_count, f->calls[c]);
                 l < locker_count && strcmp(lockers[l].name, f->calls[c]) == 0; l++) {
                ARRAY_RESERVE(needs[a].files, needs[a].capacity, needs[a].count + 1);
                needs[a].files[needs[a].count++] = lockers[l].file;
            }
        }
    }
}

static int compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* needs[a] sorted, each file once (a file it does not need itself). */
static void unique_needs(struct needs *needs, size_t count)
{
    for (size_t a = 0; a < count; a++) {
        if (needs[a].count > 0)
            qsort(needs[a].files, needs[a].count, sizeof *needs[a].files, compare_sizes);
        size_t kept = 0;
        for (size_t k = 0; k < needs[a].count; k++)
            if (needs[a].files[k] != a && (kept == 0 || needs[a].files[kept - 1] != needs[a].files[k]))
                needs[a].files[kept++] = needs[a].files[k];
        needs[a].count = kept;
    }
}

/* Files that need nothing left go first, files nothing left needs go
 * last; when neither is left (a cycle), the file most needed, for what it
 * needs itself, goes first (Eades, Lin and Smyth's order for few backward
 * edges). Ties in command-line order. */
static size_t *order_by_needs(struct needs *needs, size_t count)
{
    struct needs *needed_by = xcalloc(count + 1, sizeof *needed_by);
    size_t *need_count = xcalloc(count + 1, sizeof *need_count);     /* left, per file */
    size_t *needed_count = xcalloc(count + 1, sizeof *needed_count);
    for (size_t a = 0; a < count; a++)
        for (size_t k = 0; k < needs[a].count; k++) {
            struct needs *back = &needed_by[needs[a].files[k]];
            ARRAY_RESERVE(back->files, back->capacity, back->count + 1);
            back->files[back->count++] = a;
            need_count[a]++;
            needed_count[needs[a].files[k]]++;
        }
    size_t *order = xcalloc(count + 1, sizeof *order);
    bool *placed = xcalloc(count + 1, sizeof *placed);
    size_t front = 0, back = count;
    while (front < back) {
        size_t pick = SIZE_MAX;
        bool last = false;
        long best = 0;
        for (size_t i = 0; i < count && pick == SIZE_MAX; i++)
            if (!placed[i] && need_count[i] == 0)
                pick = i;
        for (size_t i = count; i-- > 0 && pick == SIZE_MAX;)
            if (!placed[i] && needed_count[i] == 0) {
                pick = i;
                last = true;
            }
        for (size_t i = 0; i < count && !last; i++) {
            long score = (long)needed_count[i] - (long)need_count[i];
            if (!placed[i] && (pick == SIZE_MAX || score > best)) {
                pick = i;
                best = score;
            }
        }
        placed[pick] = true;
        order[last ? --back : front++] = pick;
        for (size_t k = 0; k < needs[pick].count; k++)
            needed_count[needs[pick].files[k]]--;
        for (size_t k = 0; k < needed_by[pick].count; k++)
            need_count[needed_by[pick].files[k]]--;
    }
    for (size_t i = 0; i < count; i++)
        free(needed_by[i].files);
    free(needed_by);
    free(need_count);
    free(needed_count);
    free(placed);
    return order;
}

/* Per file: whether the order puts it before a file it needs. */
static bool *before_needs(const struct needs *needs, const size_t *order, size_t count)
{
    size_t *position = xcalloc(count + 1, sizeof *position);
    for (size_t p = 0; p < count; p++)
        position[order[p]] = p;
    bool *early = xcalloc(count + 1, sizeof *early);
    for (size_t a = 0; a < count; a++)
        for (size_t k = 0; k < needs[a].count && !early[a]; k++)
            early[a] = position[needs[a].files[k]] > position[a];
    free(position);
    return early;
}

size_t *file_order_for_summaries(const char *const *paths, size_t count, size_t max_bytes,
                                 file_order_locks_fn locks, void *data, bool **early)
{
    struct scanned_file *files = xcalloc(count + 1, sizeof *files);
    struct locker *lockers = NULL;
    size_t locker_count = 0, locker_capacity = 0;
    for (size_t i = 0; i < count; i++) {
        size_t length = 0;
        char *text = file_text_read(paths[i], max_bytes, &length);
        if (!text)
            continue;
        scan_text(text, length, &files[i]);
        free(text);
        sort_definitions(&files[i]);
        mark_locking(&files[i], i, locks, data);
        for (size_t d = 0; d < files[i].def_count; d++)
            if (files[i].defs[d].locks) {
                ARRAY_RESERVE(lockers, locker_capacity, locker_count + 1);
                lockers[locker_count++] = (struct locker){files[i].defs[d].name, i};
            }
    }
    if (locker_count > 0)
        qsort(lockers, locker_count, sizeof *lockers, compare_lockers);
    struct needs *needs = xcalloc(count + 1, sizeof *needs);
    find_needs(files, count, lockers, locker_count, needs);
    unique_needs(needs, count);
    size_t *order = order_by_needs(needs, count);
    *early = before_needs(needs, order, count);
    for (size_t i = 0; i < count; i++) {
        for (size_t d = 0; d < files[i].def_count; d++)
            free(files[i].defs[d].name);
        free(files[i].defs);
        free(files[i].by_name);
        for (size_t c = 0; c < files[i].call_count; c++)
            free(files[i].calls[c]);
        free(files[i].calls);
        free(needs[i].files);
    }
    free(files);
    free(needs);
    free(lockers);
    return order;
}
