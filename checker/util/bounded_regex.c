/*
 * bounded_regex.c: measuring an extended regular expression before regcomp
 * (see bounded_regex.h).
 *
 * One pass over the pattern with a stack of open groups. Each group tracks
 * its size (in nodes: characters, bracket expressions, anchors and each
 * quantifier), its loops over parts that can match nothing, and its last
 * piece; a bound `{m,n}` after a piece multiplies that piece, quantifiers
 * inside it included (by n, or m + 1 for `{m,}`), and adds the copies to
 * the expansion total, and so does `+` (by 2: glibc compiles `x+` as
 * `xx*`). At the end, the longest run of nullable pieces, squared (cubed
 * times the loops over nullable bodies when there are any), is the closure
 * cost, and the loops themselves are limited.
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

/* What the scan knows of a piece (a character, a bracket expression, a group,
 * with the quantifiers applied to it so far). */
struct piece {
    size_t size;   /* nodes: characters and quantifiers, copies included */
    size_t loops;  /* loops (`*`, `+`, `{m,}`) over something that can match nothing */
    bool nullable; /* can match the empty string */
};

struct group {
    size_t size;          /* nodes in the group so far */
    size_t loops;         /* loops over nullable parts in the group so far */
    size_t branch_solid;  /* pieces of the current branch that cannot match nothing */
    size_t run;           /* nodes in the run of nullable pieces the branch ends with */
    size_t run_before;    /* the same before the last piece */
    bool nullable_branch; /* an earlier branch (before a `|`) can match nothing */
    struct piece last;    /* the last piece: what a quantifier applies to */
};

struct measure {
    struct group stack[BOUNDED_REGEX_MAX_DEPTH + 1];
    size_t depth;
    size_t expansion; /* copies made by bounded repetitions */
    size_t longest_run; /* nodes in the longest run of nullable pieces */
    const char *error;
};

#define SATURATED ((size_t)1 << 40)
#define EMPTY_PIECE ((struct piece){.size = 0, .loops = 0, .nullable = true})

static size_t saturating_multiply(size_t a, size_t b)
{
    return a && b > SATURATED / a ? SATURATED : a * b;
}

static size_t saturating_add(size_t a, size_t b)
{
    return a + b > SATURATED ? SATURATED : a + b;
}

static void add_piece(struct measure *m, struct piece piece)
{
    struct group *g = &m->stack[m->depth];
    g->size = saturating_add(g->size, piece.size);
    g->loops = saturating_add(g->loops, piece.loops);
    g->branch_solid += !piece.nullable;
    g->last = piece;
    g->run_before = g->run;
    g->run = piece.nullable ? saturating_add(g->run, piece.size) : 0;
    if (g->run > m->longest_run)
        m->longest_run = g->run;
}

static void add_character(struct measure *m)
{
    add_piece(m, (struct piece){.size = 1, .loops = 0, .nullable = false});
}

/* An anchor (`^`, `$`, `\b`, ...): one node that matches the empty string. */
static void add_anchor(struct measure *m)
{
    add_piece(m, (struct piece){.size = 1, .loops = 0, .nullable = true});
}

/* The last piece becomes `grown` (a quantifier applied: it only grows). */
static void replace_last(struct measure *m, struct piece grown)
{
    struct group *g = &m->stack[m->depth];
    g->size = saturating_add(g->size, grown.size - g->last.size);
    g->loops = saturating_add(g->loops, grown.loops - g->last.loops);
    g->branch_solid = g->branch_solid - !g->last.nullable + !grown.nullable;
    g->last = grown;
    g->run = grown.nullable ? saturating_add(g->run_before, grown.size) : 0;
    if (g->run > m->longest_run)
        m->longest_run = g->run;
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
static const char *read_bound(const char *p, size_t *copies, size_t *least, bool *unbounded)
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
    *least = low;
    *unbounded = has_comma && !has_high;
    return p + 1;
}

/* A loop (`*`) around `piece`: one node more, and a loop over a nullable
 * body, which glibc's closure computation pays for on every node. */
static struct piece loop_around(struct piece piece)
{
    return (struct piece){.size = saturating_add(piece.size, 1),
                          .loops = saturating_add(piece.loops, piece.nullable),
                          .nullable = true};
}

/* `copies` copies of `piece`, as glibc expands `{m,n}`; `least` == 0 makes
 * the result optional. */
static struct piece copy_piece(struct measure *m, struct piece piece, size_t copies, size_t least)
{
    struct piece copied = {.size = saturating_multiply(piece.size, copies),
                           .loops = saturating_multiply(piece.loops, copies),
                           .nullable = piece.nullable || least == 0};
    if (copied.size > piece.size)
        m->expansion = saturating_add(m->expansion, copied.size - piece.size);
    return copied;
}

static void apply_bound(struct measure *m, size_t copies, size_t least, bool unbounded)
{
    struct piece copied = copy_piece(m, m->stack[m->depth].last, copies, least);
    if (unbounded) /* `x{m,}` is m copies then `x*` */
        copied = loop_around(copied);
    if (copied.size < m->stack[m->depth].last.size) /* `x{0}`: nothing left, count it as it was */
        return;
    replace_last(m, copied);
}

static void apply_quantifier(struct measure *m, char quantifier)
{
    struct piece last = m->stack[m->depth].last;
    switch (quantifier) {
    case '*':
        replace_last(m, loop_around(last));
        break;
    case '+': /* glibc makes `x+` into `xx*`: a copy, so `a++++` doubles four times */
        replace_last(m, loop_around(copy_piece(m, last, 2, 1)));
        break;
    default: /* `?` */
        replace_last(m, (struct piece){.size = saturating_add(last.size, 1),
                                       .loops = last.loops,
                                       .nullable = true});
        break;
    }
}

static void open_group(struct measure *m)
{
    if (m->depth == BOUNDED_REGEX_MAX_DEPTH) {
        m->error = "groups nest too deeply";
        return;
    }
    m->stack[++m->depth] = (struct group){.last = EMPTY_PIECE};
}

/* `|`: a new branch of the innermost group. */
static void next_branch(struct measure *m)
{
    struct group *g = &m->stack[m->depth];
    if (g->branch_solid == 0)
        g->nullable_branch = true;
    g->branch_solid = 0;
    g->run = g->run_before = 0;
    g->last = EMPTY_PIECE;
}

static void close_group(struct measure *m)
{
    if (m->depth == 0) {
        add_character(m); /* an unmatched `)` is an ordinary character */
        return;
    }
    struct group *g = &m->stack[m->depth--];
    add_piece(m, (struct piece){.size = g->size ? g->size : 1,
                                .loops = g->loops,
                                .nullable = g->nullable_branch || g->branch_solid == 0});
}

/* `\x`: a back-reference is an error; glibc's `\b \B \< \> \` \'` are
 * anchors; anything else is one character. */
static void add_escape(struct measure *m, char escaped)
{
    if (escaped >= '1' && escaped <= '9')
        m->error = "back-references are not allowed";
    if (escaped && strchr("bB<>`'", escaped))
        add_anchor(m);
    else
        add_character(m);
}

/* One step of the scan from `p`; returns where the next step starts. */
static const char *measure_step(struct measure *m, const char *p)
{
    size_t copies, least;
    bool unbounded;
    const char *after;
    switch (*p) {
    case '(':
        open_group(m);
        return p + 1;
    case ')':
        close_group(m);
        return p + 1;
    case '[':
        add_character(m);
        return skip_bracket(p + 1);
    case '\\':
        add_escape(m, p[1]);
        return p[1] ? p + 2 : p + 1;
    case '{':
        after = read_bound(p + 1, &copies, &least, &unbounded);
        if (!after) {
            add_character(m);
            return p + 1;
        }
        apply_bound(m, copies, least, unbounded);
        return after;
    case '*':
    case '+':
    case '?':
        apply_quantifier(m, *p);
        return p + 1;
    case '|':
        next_branch(m);
        return p + 1;
    case '^':
    case '$':
        add_anchor(m);
        return p + 1;
    default:
        add_character(m);
        return p + 1;
    }
}

/* glibc computes the closure of every node (what it reaches without
 * consuming a character: at most the longest run of nullable pieces, each
 * node merging its successor's), so a run costs its length squared. A
 * closure that meets a loop over a nullable body is incomplete, is not
 * kept, and is computed again from the nodes before it, each time merging
 * sets as long as the run: with such a loop the run costs its length
 * cubed, whether the run is inside the loop or around it, and a little
 * more per loop (measured natively: `(` `^` x 160 `)*` 0.6 s, x 320 5 s,
 * x 640 49 s; `a*{1,100}.**{1,100}` 1.1 s). Longest run squared, or with
 * loops, cubed x loops x 4 (4 for a bound that stays near 0.1 s natively:
 * one loop allows a run of 79 nodes, 16 loops a run of 31). */
static size_t closure_cost(const struct measure *m, size_t loops)
{
    size_t squared = saturating_multiply(m->longest_run, m->longest_run);
    if (loops == 0)
        return squared;
    return saturating_multiply(saturating_multiply(squared, m->longest_run), saturating_multiply(loops, 4));
}

/* Loops over nullable bodies in the whole pattern (open groups included). */
static size_t nullable_loops(const struct measure *m)
{
    size_t loops = 0;
    for (size_t i = 0; i <= m->depth; i++)
        loops = saturating_add(loops, m->stack[i].loops);
    return loops;
}

static const char *measure_pattern(const char *pattern)
{
    if (strlen(pattern) > BOUNDED_REGEX_MAX_LENGTH)
        return "it is longer than " STRINGIFY(BOUNDED_REGEX_MAX_LENGTH) " bytes";
    struct measure m = {.depth = 0, .stack[0].last = EMPTY_PIECE};
    for (const char *p = pattern; *p && !m.error;) {
        p = measure_step(&m, p);
        if (m.expansion > BOUNDED_REGEX_MAX_EXPANSION)
            m.error = "its bounded repetitions expand to more than " STRINGIFY(
                BOUNDED_REGEX_MAX_EXPANSION) " copies (nested or large {m,n})";
    }
    size_t loops = nullable_loops(&m);
    if (!m.error && loops > BOUNDED_REGEX_MAX_NULLABLE_LOOPS)
        m.error = "it repeats parts that can match nothing more than " STRINGIFY(
            BOUNDED_REGEX_MAX_NULLABLE_LOOPS) " times (stacked quantifiers such as x**, or (a*)* and (a*b*)*)";
    if (!m.error && closure_cost(&m, loops) > BOUNDED_REGEX_MAX_CLOSURE_COST)
        m.error = "its parts that can match nothing (x?, x*, stacked quantifiers such as x** or "
                  "(a*b*)*) cost more than " STRINGIFY(BOUNDED_REGEX_MAX_CLOSURE_COST) " steps to compile";
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
