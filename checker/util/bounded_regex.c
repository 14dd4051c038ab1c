/*
 * bounded_regex.c: measuring an extended regular expression before regcomp
 * (see bounded_regex.h).
 *
 * One pass over the pattern with a stack of open groups. Each group tracks
 * its size (in pieces: characters, bracket expressions, groups) and the size
 * of its last piece; a bound `{m,n}` after a piece multiplies that piece
 * (by n, or m + 1 for `{m,}`) and adds the copies to the expansion total,
 * and so does `+` (by 2: glibc compiles `x+` as `xx*`).
 * Sizes saturate, so no count overflows however hostile the pattern.
 */
#include "util/bounded_regex.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "util/memory.h"

#define STRINGIFY_VALUE(x) #x
#define STRINGIFY(x) STRINGIFY_VALUE(x)

struct group {
    size_t size; /* pieces in the group so far, copies included */
    size_t last; /* size of the last piece (what a repetition applies to) */
};

struct measure {
    struct group stack[BOUNDED_REGEX_MAX_DEPTH + 1];
    size_t depth;
    size_t expansion; /* copies made by bounded repetitions */
    const char *error;
};

#define SATURATED ((size_t)1 << 40)

static size_t saturating_multiply(size_t a, size_t b)
{
    return a && b > SATURATED / a ? SATURATED : a * b;
}

static size_t saturating_add(size_t a, size_t b)
{
    return a + b > SATURATED ? SATURATED : a + b;
}

static void add_piece(struct measure *m, size_t size)
{
    struct group *g = &m->stack[m->depth];
    g->size = saturating_add(g->size, size);
    g->last = size;
}

/* After a bracket expression's `[`: where it ends (past the `]`). */
static const char *skip_bracket(const char *p)
{
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    while (*p && *p != ']') {
        if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
            const char *close = strchr(p + 2, p[1]);
            while (close && close[1] != ']')
                close = strchr(close + 1, p[1]);
            p = close ? close + 2 : p + 1;
        } else {
            p++;
        }
    }
    return *p ? p + 1 : p;
}

/* A bound after `{`: the copies it asks for, and where it ends; NULL when
 * the braces are not a bound (regcomp then reports them). */
static const char *read_bound(const char *p, size_t *copies)
{
    size_t low = 0, high = 0;
    bool has_comma = false, has_high = false;
    if (!isdigit((unsigned char)*p) && *p != ',') /* glibc reads `{,n}` as `{0,n}` */
        return NULL;
    while (isdigit((unsigned char)*p))
        low = saturating_add(saturating_multiply(low, 10), (size_t)(*p++ - '0'));
    if (*p == ',') {
        has_comma = true;
        p++;
        while (isdigit((unsigned char)*p)) {
            has_high = true;
            high = saturating_add(saturating_multiply(high, 10), (size_t)(*p++ - '0'));
        }
    }
    if (*p != '}')
        return NULL;
    *copies = has_high ? high : has_comma ? saturating_add(low, 1) : low;
    return p + 1;
}

static void repeat_last(struct measure *m, size_t copies)
{
    struct group *g = &m->stack[m->depth];
    size_t repeated = saturating_multiply(g->last, copies);
    if (repeated > g->last) {
        m->expansion = saturating_add(m->expansion, repeated - g->last);
        g->size = saturating_add(g->size, repeated - g->last);
    }
    g->last = repeated;
}

static void close_group(struct measure *m)
{
    if (m->depth == 0) {
        add_piece(m, 1); /* an unmatched `)` is an ordinary character */
        return;
    }
    size_t size = m->stack[m->depth--].size;
    add_piece(m, size ? size : 1);
}

/* One step of the scan from `p`; returns where the next step starts. */
static const char *measure_step(struct measure *m, const char *p)
{
    size_t copies;
    const char *after;
    switch (*p) {
    case '(':
        if (m->depth == BOUNDED_REGEX_MAX_DEPTH) {
            m->error = "groups nest too deeply";
            return p + 1;
        }
        m->stack[++m->depth] = (struct group){0, 0};
        return p + 1;
    case ')':
        close_group(m);
        return p + 1;
    case '[':
        add_piece(m, 1);
        return skip_bracket(p + 1);
    case '\\':
        if (p[1] >= '1' && p[1] <= '9')
            m->error = "back-references are not allowed";
        add_piece(m, 1);
        return p[1] ? p + 2 : p + 1;
    case '{':
        after = read_bound(p + 1, &copies);
        if (!after) {
            add_piece(m, 1);
            return p + 1;
        }
        repeat_last(m, copies);
        return after;
    case '+': /* glibc makes `x+` into `xx*`: a copy, so `a++++` doubles four times */
        repeat_last(m, 2);
        return p + 1;
    case '*':
    case '?':
    case '|':
        return p + 1;
    default:
        add_piece(m, 1);
        return p + 1;
    }
}

static const char *measure_pattern(const char *pattern)
{
    if (strlen(pattern) > BOUNDED_REGEX_MAX_LENGTH)
        return "it is longer than " STRINGIFY(BOUNDED_REGEX_MAX_LENGTH) " bytes";
    struct measure m = {.depth = 0};
    for (const char *p = pattern; *p && !m.error;) {
        p = measure_step(&m, p);
        if (m.expansion > BOUNDED_REGEX_MAX_EXPANSION)
            m.error = "its bounded repetitions expand to more than " STRINGIFY(
                BOUNDED_REGEX_MAX_EXPANSION) " copies (nested or large {m,n})";
    }
    return m.error;
}

enum bounded_regex_result bounded_regcomp(regex_t *out, const char *pattern, char **error)
{
    const char *too_costly = measure_pattern(pattern);
    if (too_costly) {
        *error = xstrdup(too_costly);
        return BOUNDED_REGEX_TOO_COSTLY;
    }
    int rc = regcomp(out, pattern, REG_EXTENDED | REG_NOSUB);
    if (rc == 0)
        return BOUNDED_REGEX_OK;
    char why[256];
    regerror(rc, out, why, sizeof why);
    *error = xstrdup(why);
    return BOUNDED_REGEX_INVALID;
}
