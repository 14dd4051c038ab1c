/*
 * check_thread_unsafe_handle.c: thread-unsafe-handle.
 *
 * A value of a type marked LC_NOT_THREAD_SAFE (annotations/not_thread_safe.h;
 * the C counterpart of Rust's `Rc`, which is not `Send`) must not be used by
 * two threads at once. Reported:
 *  - at a thread creation handing such a value (or a pointer to one, or a
 *    struct or array holding one) to the new thread when, before that thread
 *    is joined, the creating function hands the same object to another
 *    thread (a second pthread_create, or the same one again in a loop) or
 *    uses it itself;
 *  - at a use, in code that runs in a thread, of a global variable holding
 *    such a value that code outside the threads also uses.
 * Handing the value to exactly one thread and not touching it until the join
 * transfers ownership and is not reported. The paths "while the thread runs"
 * are those of cfg/thread_paths.h; assigning a new value to the variable (or
 * to the index of the array element handed over) ends them too, since the
 * next thread then gets a different object.
 */
#include <stdlib.h>
#include <string.h>

#include "annotations/not_thread_safe.h"
#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/object_key.h"
#include "cfg/thread_paths.h"
#include "config/config.h"
#include "driver/tu_context.h"
#include "rules/rule.h"
#include "util/memory.h"

/* ---- notes on the type -------------------------------------------------------- */

static char *type_name(CXType t)
{
    CXString s = clang_getTypeSpelling(t);
    char *name = str_printf("%s", clang_getCString(s));
    clang_disposeString(s);
    return name;
}

static char *marked_type_name(const struct not_thread_safe_path *path)
{
    return type_name(clang_getCursorType(path->marked));
}

static void note_type(struct tu_context *tu, struct finding *f,
                      const struct not_thread_safe_path *path)
{
    for (size_t i = 0; i < path->field_count; i++) {
        char *field = cursor_spelling(path->fields[i]);
        char *type = type_name(clang_getCursorType(path->fields[i]));
        char *msg = str_printf("it holds one through field '%s' (of type '%s')", field, type);
        finding_add_note(f, cursor_pos(tu, path->fields[i]), msg);
        free(msg);
        free(type);
        free(field);
    }
    char *name = marked_type_name(path);
    char *msg = path->by_config
                    ? str_printf("'%s' is declared here; the configuration (%s) lists it as not thread-safe",
                                 name, tu->config && tu->config->path ? tu->config->path : ".lockcheck.yml")
                    : str_printf("'%s' is marked not thread-safe here", name);
    finding_add_note(f, cursor_pos(tu, path->marked), msg);
    free(msg);
    free(name);
}

/* ---- handles given to threads ----------------------------------------------------- */

struct handoff {
    struct thread_paths paths;     /* first member: the callbacks take it */
    const struct thread_spawn_list *spawns;
    char *object;                  /* pointee_key of the argument */
    CXCursor root;                 /* the variable at its root */
    CXCursor *indices;             /* variables indexing it (`i` in &jobs[i]) */
    size_t index_count, index_capacity;
    bool another_thread;           /* what the search found */
};

/* Every other variable in the argument (`i` in `&jobs[i]`) selects the object. */
static enum CXChildVisitResult collect_index_vars(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct handoff *h = data;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor var = clang_getCanonicalCursor(clang_getCursorReferenced(c));
    if (!clang_equalCursors(var, h->root)) {
        ARRAY_RESERVE(h->indices, h->index_capacity, h->index_count + 1);
        h->indices[h->index_count++] = var;
    }
    return CXChildVisit_Continue;
}

/* The variable a CFG_ASSIGN node gives a new value, or a null cursor. */
static CXCursor assigned_variable(const struct cfg_node *n)
{
    if (clang_getCursorKind(n->cursor) == CXCursor_VarDecl)
        return clang_getCanonicalCursor(n->cursor);
    CXCursor target = cursor_strip(cursor_first_child(n->cursor));
    if (clang_getCursorKind(target) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    return clang_getCanonicalCursor(clang_getCursorReferenced(target));
}

/* A new value for the root or an index: later creations get another object. */
static bool object_changes(const struct handoff *h, const struct cfg_node *n)
{
    if (n->kind != CFG_ASSIGN)
        return false;
    CXCursor var = assigned_variable(n);
    if (clang_Cursor_isNull(var))
        return false;
    if (clang_equalCursors(var, h->root))
        return true;
    for (size_t i = 0; i < h->index_count; i++)
        if (clang_equalCursors(var, h->indices[i]))
            return true;
    return false;
}

static bool handoff_ends(void *ctx, unsigned node)
{
    const struct handoff *h = ctx;
    return thread_paths_joined(ctx, node) || object_changes(h, &h->paths.cfg->nodes[node]);
}

/* Another creation handing over the same object. */
static bool hands_same_object(const struct handoff *h, const struct cfg_node *n)
{
    for (size_t i = 0; i < h->spawns->count; i++) {
        const struct thread_spawn *s = &h->spawns->items[i];
        if (!same_expression(s->call, n->cursor) || clang_Cursor_isNull(s->arg))
            continue;
        char *key = pointee_key(s->arg);
        bool same = key && strcmp(key, h->object) == 0;
        free(key);
        return same;
    }
    return false;
}

static bool shared_again(void *ctx, unsigned node)
{
    struct handoff *h = ctx;
    const struct cfg_node *n = &h->paths.cfg->nodes[node];
    if (n->kind == CFG_CALL && is_thread_create_call(n->cursor) && hands_same_object(h, n)) {
        h->another_thread = true;
        return true;
    }
    if ((n->kind == CFG_ASSIGN && object_changes(h, n)) ||
        cursor_contains(n->cursor, h->paths.spawn->call))
        return false; /* a new object, or the test of the creation's result */
    if (n->kind == CFG_CALL || n->kind == CFG_ASSIGN || n->kind == CFG_BRANCH ||
        n->kind == CFG_RETURN || n->kind == CFG_SWITCH)
        return cursor_mentions(n->cursor, h->root);
    return false;
}

static void report_handoff(struct tu_context *tu, struct handoff *h, unsigned node,
                           const struct not_thread_safe_path *path)
{
    const struct thread_spawn *spawn = h->paths.spawn;
    char *name = cursor_spelling(h->root);
    char *type = marked_type_name(path);
    char *function = cursor_spelling(spawn->function);
    char *msg = h->another_thread
                    ? str_printf("'%s' (not-thread-safe '%s') is handed to more than one thread",
                                 name, type)
                    : str_printf("'%s' (not-thread-safe '%s') is handed to a new thread while "
                                 "'%s' keeps using it", name, type, function);
    struct finding *f = finding_begin(tu->findings, rule_thread_unsafe_handle.id,
                                      cursor_pos(tu, spawn->call), msg);
    free(msg);
    const struct cfg *cfg = h->paths.cfg;
    if (h->another_thread && node == h->paths.spawn_node)
        msg = str_printf("this creation runs again in a loop and hands '%s' to the next thread "
                         "before this one is joined", name);
    else if (h->another_thread)
        msg = str_printf("'%s' is handed to another thread here before the first is joined", name);
    else
        msg = str_printf("'%s' uses '%s' here before joining the thread", function, name);
    finding_add_note(f, cfg_node_pos(tu, cfg, node), msg);
    free(msg);
    note_type(tu, f, path);
    free(function);
    free(type);
    free(name);
}

static void check_spawn(struct tu_context *tu, const struct thread_spawn *spawn,
                        const struct cfg *cfg)
{
    struct not_thread_safe_path path;
    if (clang_Cursor_isNull(spawn->arg) ||
        !type_holds_not_thread_safe(tu->config, clang_getCursorType(cursor_strip(spawn->arg)), &path))
        return;
    struct handoff h = {.spawns = tu->spawns};
    h.object = pointee_key(spawn->arg);
    h.root = expression_root_variable(spawn->arg);
    if (h.object && !clang_Cursor_isNull(h.root) && thread_paths_init(&h.paths, cfg, spawn)) {
        clang_visitChildren(cursor_strip(spawn->arg), collect_index_vars, &h);
        struct cfg_search q = {.is_target = shared_again, .blocks = handoff_ends,
                               .blocks_edge = thread_paths_failed, .ctx = &h};
        unsigned node = cfg_search_forward(cfg, h.paths.spawn_node, &q);
        if (node != CFG_NO_NODE)
            report_handoff(tu, &h, node, &path);
        thread_paths_free(&h.paths);
    }
    free(h.object);
    free(h.indices);
}

/* ---- globals used inside and outside threads -------------------------------------- */

struct global_use {
    CXCursor var;
    CXCursor use;                     /* first use outside the threads */
    struct not_thread_safe_path path;
};

struct global_uses {
    const struct lockcheck_config *config;
    struct global_use *items;
    size_t count, capacity;
    CXCursor *unmarked;               /* globals already found not to be marked */
    size_t unmarked_count, unmarked_capacity;
};

static struct global_use *find_use(struct global_uses *u, CXCursor var)
{
    for (size_t i = 0; i < u->count; i++)
        if (clang_equalCursors(u->items[i].var, var))
            return &u->items[i];
    return NULL;
}

static bool known_unmarked(const struct global_uses *u, CXCursor var)
{
    for (size_t i = 0; i < u->unmarked_count; i++)
        if (clang_equalCursors(u->unmarked[i], var))
            return true;
    return false;
}

static void note_outside_use(struct global_uses *u, const struct cg_var_use *use)
{
    if (find_use(u, use->var) || known_unmarked(u, use->var))
        return;
    struct not_thread_safe_path path;
    if (!type_holds_not_thread_safe(u->config, clang_getCursorType(use->var), &path)) {
        ARRAY_RESERVE(u->unmarked, u->unmarked_capacity, u->unmarked_count + 1);
        u->unmarked[u->unmarked_count++] = use->var;
        return;
    }
    ARRAY_RESERVE(u->items, u->capacity, u->count + 1);
    u->items[u->count++] = (struct global_use){.var = use->var, .use = use->use, .path = path};
}

static void report_global(struct tu_context *tu, const struct call_graph *graph, int function,
                          const struct cg_var_use *use, const struct global_use *outside)
{
    char *name = cursor_spelling(use->var);
    char *type = marked_type_name(&outside->path);
    char *msg = str_printf("global '%s' (not-thread-safe '%s') is used by a thread and by code "
                           "outside it", name, type);
    struct finding *f = finding_begin(tu->findings, rule_thread_unsafe_handle.id,
                                      cursor_pos(tu, use->use), msg);
    free(msg);
    call_graph_note_thread_path(tu, graph, f, function);
    msg = str_printf("'%s' is also used here, by code that runs outside the thread", name);
    finding_add_note(f, cursor_pos(tu, outside->use), msg);
    free(msg);
    note_type(tu, f, &outside->path);
    free(type);
    free(name);
}

static void check_thread_function(struct tu_context *tu, const struct call_graph *graph,
                                  int function, struct global_uses *outside)
{
    const struct cg_function *fn = &graph->functions[function];
    for (size_t i = 0; i < fn->global_count; i++) {
        const struct global_use *other = find_use(outside, fn->globals[i].var);
        bool first_in_function = true;
        for (size_t j = 0; j < i && first_in_function; j++)
            first_in_function = !clang_equalCursors(fn->globals[j].var, fn->globals[i].var);
        if (other && first_in_function)
            report_global(tu, graph, function, &fn->globals[i], other);
    }
}

static void check_globals(struct tu_context *tu)
{
    const struct call_graph *graph = tu_call_graph(tu);
    struct global_uses outside = {.config = tu->config};
    for (size_t f = 0; f < graph->count; f++)
        if (graph->functions[f].in_other)
            for (size_t i = 0; i < graph->functions[f].global_count; i++)
                note_outside_use(&outside, &graph->functions[f].globals[i]);
    if (outside.count)
        for (size_t f = 0; f < graph->count; f++)
            if (graph->functions[f].in_thread && tu_reports_in(tu, graph->functions[f].definition))
                check_thread_function(tu, graph, (int)f, &outside);
    free(outside.items);
    free(outside.unmarked);
}

static void check_translation_unit(struct tu_context *tu)
{
    if (tu->spawns->count == 0)
        return;
    for_each_spawn_with_cfg(tu, check_spawn);
    check_globals(tu);
}

const struct rule rule_thread_unsafe_handle = {
    .id = "thread-unsafe-handle",
    .short_description = "A value of a type marked not thread-safe is shared between threads.",
    .full_description =
        "A type marked LC_NOT_THREAD_SAFE (for example a handle with a non-atomic reference "
        "count, like Rust's Rc) must be used by one thread at a time. lockcheck reports a "
        "thread creation that hands such a value (or a pointer to it, or a struct or array "
        "holding it) to a new thread while another thread can still use it: the same object "
        "handed to a second thread, or used by the creator, before the join; and a global "
        "holding such a value used both by code that runs in a thread and by other code. "
        "Handing the value to one thread and not touching it until the join is a transfer "
        "of ownership and is allowed.",
    .check_translation_unit = check_translation_unit,
};
