/*
 * check_data_race.c: data-race, and the annotations --suggest-annotations
 * proposes.
 *
 * Without any annotation: two accesses to the same data, at least one a
 * write, that run in different threads at once (races/threads_at_once.h:
 * a created thread, its creator between the creation and the join, two
 * threads of one creation in a loop, two creations whose threads overlap)
 * with no lock held by both, one of them exclusively. The finding is at the
 * access that lacks the lock most accesses hold ("'s->count' is written here
 * without 's->mu', which is held at 9 of its 10 other accesses"); otherwise
 * at the write. Notes: the other access, and the thread creations reaching
 * each side.
 *
 * Suggestions: for data whose accesses mostly hold one lock (at least two,
 * and more than half of them) that the annotation can name from the data's
 * declaration (a sibling field of the same object, or a global), the
 * LC_GUARDED_BY to add after the declarator, as a line on standard error:
 * with it, guarded-access reports what this rule reports, and more.
 */
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/session.h"
#include "ast/value_flow.h"
#include "races/threads_at_once.h"
#include "report/finding.h"
#include "rules/rule.h"
#include "util/memory.h"
#include "util/strings.h"

/* The accesses of one datum compared pairwise, at most (a budget: a datum
 * touched in more places than this is left alone). */
#define MAX_SEEN_PER_DATUM 4096

/* ---- the accesses to one datum ------------------------------------------------------ */

/* One statement (CFG node) that accesses the datum, whatever root saw it:
 * `a->n += a->n / 2` is one access. */
struct point {
    const struct function_accesses *function;
    unsigned node;
    size_t first_seen;      /* index into the view's seen list */
    char **locks;           /* held in every context it was seen in */
    size_t lock_count;
};

struct datum {
    const struct race_view *view;
    const size_t *seen;     /* indices into view->seen, in the view's order */
    size_t seen_count;
    struct point *points;
    size_t point_count, point_capacity;
    const char *lock;       /* held at most points (NULL: no majority) */
    const char *lock_display;
    size_t lock_points;     /* points holding it */
};

static bool same_point(const struct seen_access *s, const struct function_accesses *function,
                       unsigned node)
{
    return s->function == function && s->access->node == node;
}

static struct point *point_of(const struct datum *d, const struct seen_access *s)
{
    for (size_t i = 0; i < d->point_count; i++)
        if (same_point(s, d->points[i].function, d->points[i].node))
            return &d->points[i];
    return NULL;
}

static void keep_common_locks(struct point *p, const struct seen_access *s)
{
    size_t kept = 0;
    for (size_t i = 0; i < p->lock_count; i++)
        if (seen_access_holds(s, p->locks[i]))
            p->locks[kept++] = p->locks[i];
    p->lock_count = kept;
}

static void build_points(struct datum *d)
{
    for (size_t i = 0; i < d->seen_count; i++) {
        const struct seen_access *s = &d->view->seen[d->seen[i]];
        struct point *p = point_of(d, s);
        if (p) {
            keep_common_locks(p, s);
            continue;
        }
        ARRAY_RESERVE(d->points, d->point_capacity, d->point_count + 1);
        p = &d->points[d->point_count++];
        *p = (struct point){.function = s->function, .node = s->access->node, .first_seen = d->seen[i]};
        p->locks = xcalloc(s->held_count + 1, sizeof *p->locks);
        for (size_t l = 0; l < s->held_count; l++)
            p->locks[p->lock_count++] = s->held[l].key;
    }
}

static size_t points_holding(const struct datum *d, const char *lock)
{
    size_t count = 0;
    for (size_t i = 0; i < d->point_count; i++)
        for (size_t l = 0; l < d->points[i].lock_count; l++)
            if (strcmp(d->points[i].locks[l], lock) == 0) {
                count++;
                break;
            }
    return count;
}

/* The lock held at most points, when that is at least two and more than half. */
static void find_majority_lock(struct datum *d)
{
    for (size_t i = 0; i < d->point_count; i++)
        for (size_t l = 0; l < d->points[i].lock_count; l++) {
            const char *lock = d->points[i].locks[l];
            size_t count = points_holding(d, lock);
            if (count > d->lock_points) {
                d->lock = lock;
                d->lock_points = count;
                const struct seen_access *s = &d->view->seen[d->points[i].first_seen];
                d->lock_display = seen_access_holds(s, lock)->display;
            }
        }
    if (d->lock_points < 2 || d->lock_points * 2 <= d->point_count)
        d->lock = NULL;
}

static bool point_holds(const struct datum *d, const struct seen_access *s, const char *lock)
{
    const struct point *p = point_of(d, s);
    for (size_t l = 0; p && lock && l < p->lock_count; l++)
        if (strcmp(p->locks[l], lock) == 0)
            return true;
    return false;
}

static void datum_free(struct datum *d)
{
    for (size_t i = 0; i < d->point_count; i++)
        free(d->points[i].locks);
    free(d->points);
}

/* ---- pairs ---------------------------------------------------------------------------- */

/* Keys of one shape name the same object unless two constant indices differ. */
static bool may_be_same_element(const char *a, const char *b)
{
    while (*a && *b) {
        size_t la = strcspn(a, "|"), lb = strcspn(b, "|");
        bool index = a[0] == '[' && b[0] == '[';
        if (!(la == lb && strncmp(a, b, la) == 0) && index) {
            char *end_a, *end_b;
            strtoll(a + 1, &end_a, 10);
            strtoll(b + 1, &end_b, 10);
            if ((size_t)(end_a - a) == la && (size_t)(end_b - b) == lb && end_a != a + 1 && end_b != b + 1)
                return false; /* two different constants */
        }
        a += la + (a[la] == '|');
        b += lb + (b[lb] == '|');
    }
    return true;
}

/* A lock both hold, at least one of them exclusively (two shared holders
 * of a read lock exclude nothing between them). */
static bool lock_in_common(const struct seen_access *a, const struct seen_access *b)
{
    for (size_t i = 0; i < a->held_count; i++) {
        const struct held_lock *other = seen_access_holds(b, a->held[i].key);
        if (other && (a->held[i].exclusive || other->exclusive))
            return true;
    }
    return false;
}

static bool race_between(const struct datum *d, const struct seen_access *a, const struct seen_access *b)
{
    return (a->access->write || b->access->write) && may_be_same_element(a->key, b->key) &&
           !lock_in_common(a, b) && race_roots_at_once(d->view, a, b);
}

/* ---- findings -------------------------------------------------------------------------- */

/* Where an access is shown: the start of its expression (`q->n`, not `n`). */
static struct source_pos access_pos(struct session *session, const struct race_access *a)
{
    return location_pos(&session->unit, clang_getRangeStart(clang_getCursorExtent(a->at)));
}

static const char *verb(const struct race_access *a)
{
    return a->write ? "written" : "read";
}

static char *holding_phrase(const struct seen_access *s)
{
    if (s->held_count == 0)
        return xstrdup("without a lock");
    const char *mode = s->held[0].exclusive ? "" : " shared";
    if (s->held_count == 1)
        return str_printf("holding '%s'%s", s->held[0].display, mode);
    return str_printf("holding '%s'%s and %zu other lock%s", s->held[0].display, mode,
                      s->held_count - 1, s->held_count > 2 ? "s" : "");
}

static char *race_message(const struct datum *d, const struct seen_access *r, const struct seen_access *o)
{
    char *what = value_flow_text(r->access->at);
    char *msg;
    if (d->lock && !point_holds(d, r, d->lock)) {
        msg = str_printf("'%s' is %s here without '%s', which is held at %zu of its %zu other accesses",
                         what, verb(r->access), d->lock_display, d->lock_points, d->point_count - 1);
    } else {
        char *mine = holding_phrase(r), *theirs = holding_phrase(o);
        msg = str_printf("'%s' is %s here %s, while another thread %s it %s: no lock in common", what,
                         verb(r->access), mine, o->access->write ? "writes" : "reads", theirs);
        free(mine);
        free(theirs);
    }
    free(what);
    return msg;
}

/* Where the side's thread comes from: the creation (a thread, or its
 * creator while it runs), or for a creator's caller the call after which
 * it runs (the other side, that thread, shows the creation). */
static void note_root(struct session *session, struct finding *f, const struct race_view *view,
                      const struct seen_access *s, const char *which)
{
    const struct race_root *root = &view->roots[s->root];
    char *name = cursor_spelling(root->function);
    char *msg;
    CXCursor at = root->spawn->call;
    if (root->kind == RACE_ROOT_CALLER) {
        char *creator = cursor_spelling(root->spawn->function);
        msg = str_printf("'%s' makes %s after this call: '%s' returns leaving a thread running",
                         name, which, creator);
        free(creator);
        at = root->call;
    } else if (root->kind == RACE_ROOT_THREAD) {
        msg = str_printf("the thread created here runs '%s', which makes %s", name, which);
    } else {
        msg = str_printf("'%s' makes %s while the thread created here runs", name, which);
    }
    finding_add_note(f, cursor_pos(&session->unit, at), msg);
    free(msg);
    if (!clang_Cursor_isNull(s->first_call)) {
        char *callee = cursor_spelling(clang_getCursorReferenced(s->first_call));
        msg = str_printf("'%s' calls '%s' here, on the way to %s", name, callee, which);
        finding_add_note(f, cursor_pos(&session->unit, s->first_call), msg);
        free(msg);
        free(callee);
    }
    free(name);
}

/* ---- suggestions ------------------------------------------------------------------------ */

/* The name an annotation on the datum's declaration gives the lock: a
 * sibling field of the same object (`P|.count` and `P|.mu`), or a global
 * lock. NULL when it has none. */
static char *annotation_lock_name(const struct datum *d, const struct seen_access *s)
{
    const char *lock = d->lock, *data = s->key;
    if (!strchr(lock, '|'))
        return race_key_is_global(lock) ? xstrdup(d->lock_display) : NULL;
    const char *lock_field = strrchr(lock, '|'), *data_field = strrchr(data, '|');
    if (!data_field || lock_field[1] != '.' || data_field[1] != '.' ||
        lock_field - lock != data_field - data || strncmp(lock, data, (size_t)(lock_field - lock)) != 0)
        return NULL;
    return xstrdup(lock_field + 2);
}

/* Where the annotation goes: after the declarator (before an initialiser). */
static struct source_pos annotation_pos(struct session *session, CXCursor decl)
{
    CXCursor init = clang_getCursorKind(decl) == CXCursor_VarDecl ? cursor_last_expression_child(decl)
                                                                  : clang_getNullCursor();
    if (clang_Cursor_isNull(init))
        return location_pos(&session->unit, clang_getRangeEnd(clang_getCursorExtent(decl)));
    struct source_pos pos = cursor_pos(&session->unit, decl);
    char *name = cursor_spelling(decl);
    pos.column += (unsigned)strlen(name);
    free(name);
    return pos;
}

static bool suggestable(const struct seen_access *s)
{
    CXCursor decl = s->access->decl;
    enum CXCursorKind k = clang_getCursorKind(decl);
    if (k == CXCursor_FieldDecl)
        return s->access->data.step_count > 0 &&
               s->access->data.steps[s->access->data.step_count - 1].kind == LOCK_STEP_FIELD;
    return k == CXCursor_VarDecl && s->access->data.step_count == 0 &&
           s->access->data.root_kind == LOCK_ROOT_GLOBAL;
}

/* The annotation --suggest-annotations proposes for a datum: where it goes
 * and what it says. */
struct suggestion {
    struct source_pos pos;
    char *lock;            /* the argument of LC_GUARDED_BY */
    char *name;            /* the datum's declarator */
    size_t holding, accesses;
    const char *lock_display;
};

static void suggestion_free(struct suggestion *sg)
{
    free(sg->lock);
    free(sg->name);
}

static bool suggestion_for(struct session *session, const struct datum *d, struct suggestion *out)
{
    if (!d->lock)
        return false;
    const struct seen_access *s = NULL;
    for (size_t i = 0; i < d->point_count && !s; i++)
        if (point_holds(d, &d->view->seen[d->points[i].first_seen], d->lock))
            s = &d->view->seen[d->points[i].first_seen];
    if (!s || !suggestable(s) ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(s->access->decl)))
        return false;
    char *lock = annotation_lock_name(d, s);
    if (!lock)
        return false;
    CXCursor decl = s->access->decl;
    CXCursor definition = clang_getCursorDefinition(decl);
    if (!clang_Cursor_isNull(definition))
        decl = definition;
    *out = (struct suggestion){annotation_pos(session, decl), lock, cursor_spelling(decl),
                               d->lock_points, d->point_count, d->lock_display};
    return true;
}

/* The fix a race's finding carries under --suggest-annotations (SARIF
 * `fixes`, JSON `fix`): the annotation inserted after the declarator. */
static void attach_fix(struct finding *f, const struct suggestion *sg)
{
    char *text = str_printf(" LC_GUARDED_BY(%s)", sg->lock);
    char *description = str_printf("add LC_GUARDED_BY(%s) after '%s'", sg->lock, sg->name);
    finding_set_fix(f, sg->pos, text, description);
    free(description);
    free(text);
}

static void show_suggestion(const struct suggestion *sg, char ***shown, size_t *shown_count,
                            size_t *shown_capacity)
{
    char *line = str_printf("%s:%u:%u: suggestion: add LC_GUARDED_BY(%s) after '%s' (%zu of its %zu "
                            "accesses hold '%s')",
                            sg->pos.file, sg->pos.line, sg->pos.column, sg->lock, sg->name, sg->holding,
                            sg->accesses, sg->lock_display);
    bool seen = false;
    for (size_t i = 0; i < *shown_count && !seen; i++)
        seen = strcmp((*shown)[i], line) == 0;
    if (seen) {
        free(line);
    } else {
        ARRAY_RESERVE(*shown, *shown_capacity, *shown_count + 1);
        (*shown)[(*shown_count)++] = line;
    }
}

static void report_race(struct session *session, const struct datum *d, const struct seen_access *r,
                        const struct seen_access *o, const struct suggestion *sg)
{
    char *msg = race_message(d, r, o);
    struct finding *f = report_at(session, &rule_data_race.description, access_pos(session, r->access), msg);
    free(msg);
    if (!f)
        return;
    if (sg)
        attach_fix(f, sg);
    char *what = value_flow_text(o->access->at), *how = holding_phrase(o);
    msg = str_printf("'%s' is %s here in another thread, %s", what, verb(o->access), how);
    finding_add_note(f, access_pos(session, o->access), msg);
    free(msg);
    free(how);
    free(what);
    note_root(session, f, d->view, r, "this access");
    note_root(session, f, d->view, o, "the other access");
    if (r->root == o->root) {
        const struct race_root *root = &d->view->roots[r->root];
        char *name = cursor_spelling(root->function);
        msg = str_printf("this creation runs in a loop: threads running '%s' run at once", name);
        finding_add_note(f, cursor_pos(&session->unit, root->spawn->call), msg);
        free(msg);
        free(name);
    }
}

/* Which side the finding is at: the one without the lock most accesses
 * hold; else the one holding fewer locks; else the write. */
static bool report_first(const struct datum *d, const struct seen_access *a, const struct seen_access *b)
{
    if (d->lock) {
        bool a_has = point_holds(d, a, d->lock), b_has = point_holds(d, b, d->lock);
        if (a_has != b_has)
            return !a_has;
    }
    if (a->held_count != b->held_count)
        return a->held_count < b->held_count;
    return a->access->write || !b->access->write;
}

/* One finding per statement: its race with the other side that holds the
 * most locks (the most telling note), found over every pair. */
struct race_pair {
    const struct seen_access *at, *other;
};

struct reported {
    struct race_pair *items;
    size_t count, capacity;
};

static struct race_pair *pair_at(struct reported *done, const struct seen_access *s)
{
    for (size_t i = 0; i < done->count; i++)
        if (same_point(s, done->items[i].at->function, done->items[i].at->access->node))
            return &done->items[i];
    return NULL;
}

static void keep_pair(struct reported *done, const struct seen_access *r, const struct seen_access *o)
{
    struct race_pair *p = pair_at(done, r);
    if (!p) {
        ARRAY_RESERVE(done->items, done->capacity, done->count + 1);
        done->items[done->count++] = (struct race_pair){r, o};
    } else if (o->held_count > p->other->held_count) {
        p->other = o;
    }
}

static void report_datum(struct session *session, const struct datum *d, const struct suggestion *sg)
{
    const struct race_view *v = d->view;
    struct reported found = {0};
    for (size_t i = 0; i < d->seen_count; i++)
        for (size_t j = i; j < d->seen_count; j++) {
            const struct seen_access *a = &v->seen[d->seen[i]], *b = &v->seen[d->seen[j]];
            if (i == j && !v->roots[a->root].repeats)
                continue; /* an access races with itself in two threads of one loop only */
            if (!race_between(d, a, b))
                continue;
            const struct seen_access *r = report_first(d, a, b) ? a : b, *o = r == a ? b : a;
            if (session_reports_in(session, r->function->function))
                keep_pair(&found, r, o);
        }
    for (size_t i = 0; i < found.count; i++)
        report_race(session, d, found.items[i].at, found.items[i].other, sg);
    free(found.items);
}

/* ---- the translation unit ------------------------------------------------------------------ */

/* Seen accesses in order of shape, then of discovery (a stable merge sort
 * over indices: qsort has no context argument, and a static would be
 * shared between worker threads). */
static void sort_by_shape(const struct race_view *v, size_t *order, size_t *tmp, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = (lo + hi) / 2;
    sort_by_shape(v, order, tmp, lo, mid);
    sort_by_shape(v, order, tmp, mid, hi);
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = strcmp(v->seen[order[j]].shape, v->seen[order[i]].shape) < 0 ? order[j++] : order[i++];
    while (i < mid)
        tmp[k++] = order[i++];
    while (j < hi)
        tmp[k++] = order[j++];
    memcpy(order + lo, tmp + lo, (hi - lo) * sizeof *order);
}

static bool group_has_write(const struct race_view *v, const size_t *seen, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (v->seen[seen[i]].access->write)
            return true;
    return false;
}

/* Per file: what the analysis keeps of each function (the engine frees
 * the analyses as it goes). */
struct race_state {
    struct race_functions functions;
};

static void *begin_file(struct session *session)
{
    (void)session;
    return xcalloc(1, sizeof(struct race_state));
}

static void end_file(void *state)
{
    struct race_state *st = state;
    race_functions_free(&st->functions);
    free(st);
}

static void on_function_end(struct function_analysis *fa, void *state)
{
    struct race_state *st = state;
    race_functions_record(&st->functions, fa);
}

static void check_translation_unit(struct session *session, void *state)
{
    struct race_state *st = state;
    if (!session->spawns || session->spawns->count == 0)
        return;
    struct race_inputs in = {.session = session, .functions = &st->functions};
    struct race_view view;
    race_view_build(&in, &view);
    size_t *order = xcalloc(view.seen_count + 1, sizeof *order);
    size_t *tmp = xcalloc(view.seen_count + 1, sizeof *tmp);
    for (size_t i = 0; i < view.seen_count; i++)
        order[i] = i;
    sort_by_shape(&view, order, tmp, 0, view.seen_count);
    bool races = session_rule_enabled(session, &rule_data_race.description);
    bool suggest = session->suggest_annotations;
    char **shown = NULL;
    size_t shown_count = 0, shown_capacity = 0;
    for (size_t start = 0, end; start < view.seen_count; start = end) {
        for (end = start + 1; end < view.seen_count &&
                              strcmp(view.seen[order[end]].shape, view.seen[order[start]].shape) == 0;
             end++)
            ;
        if (!group_has_write(&view, order + start, end - start) || end - start > MAX_SEEN_PER_DATUM)
            continue; /* read only; or beyond the budget of pairs: silent */
        struct datum d = {.view = &view, .seen = order + start, .seen_count = end - start};
        build_points(&d);
        find_majority_lock(&d);
        struct suggestion sg;
        bool suggested = suggest && suggestion_for(session, &d, &sg);
        if (races)
            report_datum(session, &d, suggested ? &sg : NULL);
        if (suggested) {
            show_suggestion(&sg, &shown, &shown_count, &shown_capacity);
            suggestion_free(&sg);
        }
        datum_free(&d);
    }
    for (size_t i = 0; i < shown_count; i++)
        session_remark(session, shown[i]);
    free(shown);
    free(order);
    free(tmp);
    race_view_free(&view);
}

const struct rule rule_data_race = {
    .description.id = "data-race",
    .description.short_description = "Two threads access the same data at once, one writing, with no lock in common.",
    .description.full_description =
        "Without annotations: lockcheck finds the code that runs at once (a created thread and "
        "everything it calls, the creating function between the creation and the join, two "
        "threads created in a loop) and the locks held at every read and write of globals and "
        "of objects handed to threads, including the locks callers hold (a lock passed as a "
        "parameter is the caller's argument). Two accesses to the same data, one a write, in "
        "different threads at once, with no lock held by both (one of them exclusively), are "
        "reported at the access that lacks the lock most accesses hold. Silent: code before "
        "the first creation or after the join, objects not yet handed to another thread and a "
        "thread's own objects, atomics, volatile and thread-local data, read-only sharing, and "
        "whatever lockcheck cannot follow (function pointers, a callee it cannot see that may "
        "lock, a lock held on some paths only).",
    .begin_file = begin_file,
    .end_file = end_file,
    .on_function_end = on_function_end,
    .check_translation_unit = check_translation_unit,
    .observes_every_function = true, /* a thread's callees are often lock-free */
};
