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
 *    such a value that code outside the threads also uses (thread-local
 *    globals excepted: each thread has its own).
 * Handing the value to exactly one thread and not touching it until the join
 * transfers ownership and is not reported. The paths "while the thread runs"
 * are those of cfg/thread_paths.h; assigning a new value to the variable (or
 * to the index of the array element handed over) ends them too, since the
 * next thread then gets a different object.
 *
 * "The same value" is decided by ast/value_flow.h when it can: the variable
 * the handed value comes from (through copies, `void *`, clone functions
 * that return their argument, and fields or elements stored before the
 * creation), so `rc_clone(counter)` handed to each thread is `counter`, and a
 * use of any copy of it is a use. The notes show each hop. When the value
 * cannot be followed, the object the argument names (object_key.h) is
 * compared instead, as before.
 */
#include <stdlib.h>
#include <string.h>

#include "annotations/not_thread_safe.h"
#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/object_key.h"
#include "ast/session.h"
#include "ast/threads.h"
#include "ast/value_flow.h"
#include "cfg/thread_paths.h"
#include "config/config.h"
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

static void note_type(struct session *session, struct finding *f,
                      const struct not_thread_safe_path *path)
{
    for (size_t i = 0; i < path->field_count; i++) {
        char *field = cursor_spelling(path->fields[i]);
        char *type = type_name(clang_getCursorType(path->fields[i]));
        char *msg = str_printf("it holds one through field '%s' (of type '%s')", field, type);
        finding_add_note(f, cursor_pos(&session->unit, path->fields[i]), msg);
        free(msg);
        free(type);
        free(field);
    }
    char *name = marked_type_name(path);
    const char *config = session->config && session->config->path ? session->config->path
                                                                   : ".lockcheck.yml";
    char *msg = path->by_config
                    ? str_printf("'%s' is declared here; the configuration (%s) lists it as not thread-safe",
                                 name, config)
                    : str_printf("'%s' is marked not thread-safe here", name);
    finding_add_note(f, cursor_pos(&session->unit, path->marked), msg);
    free(msg);
    free(name);
}

/* ---- what a thread is given ------------------------------------------------------- */

/* The value a creation hands over: either a variable's value followed
 * through the function (value_flow.h), or, when it cannot be followed, the
 * object the argument designates (object_key.h). */
struct handed_value {
    bool flows;
    bool carried;                      /* flows, in a field of the object handed over */
    struct value_origin origin;        /* flows: where the value comes from */
    char *object;                      /* otherwise: pointee_key of the argument */
    struct not_thread_safe_path path;
};

struct marked_origin {
    const struct lockcheck_config *config;
    struct not_thread_safe_path *path;
};

static bool origin_is_marked(void *data, const struct value_origin *origin)
{
    const struct marked_origin *m = data;
    return type_holds_not_thread_safe(m->config, clang_getCursorType(origin->var), m->path);
}

/* A field or element of the object handed over holds a marked value known
 * here (`jobs[i].parser = shared`); else the argument's own value (`c`,
 * `rc_clone(counter)`, a `void *` copy of one); else the object itself. */
static bool find_handed_value(struct session *session, struct value_flow *vf, CXCursor arg,
                              struct handed_value *out)
{
    memset(out, 0, sizeof *out);
    if (clang_Cursor_isNull(arg))
        return false;
    struct marked_origin m = {.config = session->config, .path = &out->path};
    out->carried = value_flow_carried(vf, arg, origin_is_marked, &m, &out->origin);
    out->flows = out->carried ||
                 (value_flow_origin(vf, arg, &out->origin) && origin_is_marked(&m, &out->origin));
    if (out->flows)
        return true;
    if (!type_holds_not_thread_safe(session->config, clang_getCursorType(cursor_strip(arg)), &out->path))
        return false;
    out->object = pointee_key(arg);
    return out->object != NULL;
}

/* What each creation of one function hands over, computed once per creation. */
struct function_handoffs {
    struct session *session;
    struct value_flow_env *env;
    struct value_flow *vf;
    struct handed_value *values;   /* indexed like session->spawns */
    signed char *state;            /* 0: not computed yet, 1: values[i], -1: nothing marked */
};

static const struct handed_value *handed_value_of(struct function_handoffs *fh,
                                                  const struct thread_spawn *spawn)
{
    size_t i = (size_t)(spawn - fh->session->spawns->items);
    if (!fh->state[i])
        fh->state[i] = find_handed_value(fh->session, fh->vf, spawn->arg, &fh->values[i]) ? 1 : -1;
    return fh->state[i] > 0 ? &fh->values[i] : NULL;
}

/* `&jobs[0]` and `&jobs[1]`: keys do not tell elements apart, constants do. */
static bool constant_indices_differ(CXCursor a, CXCursor b)
{
    for (int depth = 0; depth < 64; depth++) {
        a = cursor_strip(a);
        b = cursor_strip(b);
        enum CXCursorKind kind = clang_getCursorKind(a);
        if (kind != clang_getCursorKind(b) ||
            (kind != CXCursor_ArraySubscriptExpr && kind != CXCursor_MemberRefExpr &&
             kind != CXCursor_UnaryOperator))
            return false;
        if (kind == CXCursor_ArraySubscriptExpr) {
            struct cursor_list ka = {0}, kb = {0};
            cursor_children(a, &ka);
            cursor_children(b, &kb);
            long long ia, ib;
            bool differ = ka.count == 2 && kb.count == 2 && cursor_int_value(ka.items[1], &ia) &&
                          cursor_int_value(kb.items[1], &ib) && ia != ib;
            cursor_list_free(&ka);
            cursor_list_free(&kb);
            if (differ)
                return true;
        }
        a = cursor_first_child(a);
        b = cursor_first_child(b);
    }
    return false;
}

static bool same_handed_value(const struct handed_value *a, const struct handed_value *b,
                              CXCursor arg_a, CXCursor arg_b)
{
    if (a->flows != b->flows)
        return false;
    if (a->flows)
        return clang_equalCursors(clang_getCanonicalCursor(a->origin.var),
                                  clang_getCanonicalCursor(b->origin.var));
    return strcmp(a->object, b->object) == 0 && !constant_indices_differ(arg_a, arg_b);
}

static bool step_shown(const struct value_origin *shown, const struct value_step *step)
{
    for (size_t i = 0; shown && i < shown->step_count; i++)
        if (clang_equalCursors(shown->steps[i].at, step->at))
            return true;
    return false;
}

/* Notes for the hops of a value, but those already in `shown` (may be NULL). */
static void note_flow(struct session *session, struct finding *f, const struct value_origin *origin,
                      const struct value_origin *shown)
{
    char *name = cursor_spelling(origin->var);
    for (size_t i = 0; i < origin->step_count; i++) {
        const struct value_step *step = &origin->steps[i];
        if (step_shown(shown, step))
            continue;
        char *msg;
        if (step->kind == VALUE_RETURNED) {
            char *callee = cursor_spelling(step->callee);
            msg = str_printf("'%s' is returned by '%s' here", name, callee);
            free(callee);
        } else {
            msg = str_printf(step->kind == VALUE_COPIED ? "'%s' is copied to '%s' here"
                                                        : "'%s' is stored in '%s' here",
                             name, step->target_text);
        }
        finding_add_note(f, cursor_pos(&session->unit, step->at), msg);
        free(msg);
    }
    free(name);
}

/* ---- handles given to threads ----------------------------------------------------- */

struct handoff {
    struct thread_paths paths;     /* first member: the callbacks take it */
    const struct thread_spawn_list *spawns;
    struct function_handoffs *fh;
    const struct handed_value *value;
    CXCursor root;                 /* the variable whose change ends the sharing */
    CXCursor carrier;              /* value.carried: the struct or array holding it */
    bool searching_uses;
    CXCursor *indices;             /* !value.flows: variables indexing it (`i` in &jobs[i]) */
    size_t index_count, index_capacity;
    const struct thread_spawn *other;  /* what the searches found */
    CXCursor used;
    CXCursor *holders, *non_holders;   /* variables already looked at */
    size_t holder_count, holder_capacity, non_holder_count, non_holder_capacity;
};

/* Calls `visit` for each variable a cursor's subtree refers to, until it
 * returns true. */
struct variable_walk {
    bool (*visit)(void *data, CXCursor var);
    void *data;
};

static enum CXChildVisitResult visit_reference(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct variable_walk *w = data;
    if (clang_getCursorKind(c) == CXCursor_UnaryExpr)
        return CXChildVisit_Continue; /* sizeof, _Alignof: not evaluated */
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
        return CXChildVisit_Recurse;
    CXCursor var = clang_getCanonicalCursor(clang_getCursorReferenced(c));
    return w->visit(w->data, var) ? CXChildVisit_Break : CXChildVisit_Continue;
}

static void for_each_variable_reference(CXCursor c, bool (*visit)(void *data, CXCursor var),
                                        void *data)
{
    struct variable_walk w = {.visit = visit, .data = data};
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
        visit_reference(c, c, &w);
    else
        clang_visitChildren(c, visit_reference, &w);
}

/* Every other variable in the argument (`i` in `&jobs[i]`) selects the object. */
static bool add_index_var(void *data, CXCursor var)
{
    struct handoff *h = data;
    if (!clang_equalCursors(var, h->root)) {
        ARRAY_RESERVE(h->indices, h->index_capacity, h->index_count + 1);
        h->indices[h->index_count++] = var;
    }
    return false;
}

/* A new value for the root or an index: later creations get another object. */
static bool object_changes(const struct handoff *h, const struct cfg_node *n)
{
    if (n->kind != CFG_ASSIGN)
        return false;
    CXCursor var = cfg_assigned_variable(n);
    if (clang_Cursor_isNull(var))
        return false;
    if (clang_equalCursors(var, h->root))
        return true;
    for (size_t i = 0; i < h->index_count; i++)
        if (clang_equalCursors(var, h->indices[i]))
            return true;
    return false;
}

/* While looking for uses, a new value for the struct that carried the
 * handle ends them too: later mentions of it are of another struct. */
static bool carrier_changes(const struct handoff *h, const struct cfg_node *n)
{
    return h->searching_uses && n->kind == CFG_ASSIGN && !clang_Cursor_isNull(h->carrier) &&
           clang_equalCursors(cfg_assigned_variable(n), h->carrier);
}

static bool handoff_ends(void *ctx, unsigned node)
{
    const struct handoff *h = ctx;
    const struct cfg_node *n = &h->paths.cfg->nodes[node];
    return thread_paths_joined(ctx, node) || object_changes(h, n) || carrier_changes(h, n);
}

/* Another creation handing over the same value. */
static const struct thread_spawn *hands_same_value(const struct handoff *h, const struct cfg_node *n)
{
    for (size_t i = 0; i < h->spawns->count; i++) {
        const struct thread_spawn *s = &h->spawns->items[i];
        if (!same_expression(s->call, n->cursor))
            continue;
        const struct handed_value *other = handed_value_of(h->fh, s);
        return other && same_handed_value(h->value, other, h->paths.spawn->arg, s->arg) ? s : NULL;
    }
    return NULL;
}

static bool shared_again(void *ctx, unsigned node)
{
    struct handoff *h = ctx;
    const struct cfg_node *n = &h->paths.cfg->nodes[node];
    if (n->kind == CFG_CALL && is_thread_create_call(n->cursor))
        h->other = hands_same_value(h, n);
    return h->other != NULL;
}

static bool cursor_in(const CXCursor *list, size_t count, CXCursor c)
{
    for (size_t i = 0; i < count; i++)
        if (clang_equalCursors(list[i], c))
            return true;
    return false;
}

/* Memoised: a search asks about the same few variables at many nodes. */
static bool holds_handed_value(struct handoff *h, CXCursor var)
{
    if (!h->value->flows)
        return clang_equalCursors(var, h->root);
    if (!clang_Cursor_isNull(h->carrier) && clang_equalCursors(var, h->carrier))
        return true; /* `job.parser->depth++` uses the handle too */
    if (cursor_in(h->holders, h->holder_count, var))
        return true;
    if (cursor_in(h->non_holders, h->non_holder_count, var))
        return false;
    enum CXCursorKind kind = clang_getCursorKind(var);
    bool holds = (kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl) &&
                 value_flow_is_alias(h->fh->vf, var, h->root, NULL);
    if (holds) {
        ARRAY_RESERVE(h->holders, h->holder_capacity, h->holder_count + 1);
        h->holders[h->holder_count++] = var;
    } else {
        ARRAY_RESERVE(h->non_holders, h->non_holder_capacity, h->non_holder_count + 1);
        h->non_holders[h->non_holder_count++] = var;
    }
    return holds;
}

/* Stops at the first variable holding the handed value (in h->used). */
static bool find_holder(void *data, CXCursor var)
{
    struct handoff *h = data;
    if (!holds_handed_value(h, var))
        return false;
    h->used = var;
    return true;
}

static bool is_statement_node(const struct cfg_node *n)
{
    return n->kind == CFG_CALL || n->kind == CFG_ASSIGN || n->kind == CFG_BRANCH ||
           n->kind == CFG_RETURN || n->kind == CFG_SWITCH;
}

static bool used_again(void *ctx, unsigned node)
{
    struct handoff *h = ctx;
    const struct cfg_node *n = &h->paths.cfg->nodes[node];
    CXCursor call = h->paths.spawn->call;
    if (!is_statement_node(n) || object_changes(h, n) || cursor_contains(n->cursor, call) ||
        cursor_contains(call, n->cursor))
        return false; /* a new object, the test of the creation's result, or its argument */
    if (n->kind == CFG_CALL && is_thread_create_call(n->cursor))
        return false; /* another value handed over: find_sharing's first search saw it */
    if (h->value->flows && value_flow_is_copy(h->fh->vf, n->cursor, h->root))
        return false;
    h->used = clang_getNullCursor();
    for_each_variable_reference(n->cursor, find_holder, h);
    return !clang_Cursor_isNull(h->used);
}

static char *handed_name(const struct handoff *h)
{
    return cursor_spelling(h->root);
}

static void note_other_creation(struct session *session, struct handoff *h, unsigned node,
                                struct finding *f, const char *name)
{
    char *msg;
    if (node == h->paths.spawn_node)
        msg = str_printf("this creation runs again in a loop and hands '%s' to the next thread "
                         "before this one is joined", name);
    else
        msg = str_printf("'%s' is handed to another thread here before the first is joined", name);
    finding_add_note(f, cfg_node_pos(&session->unit, h->paths.cfg, node), msg);
    free(msg);
    const struct handed_value *other = handed_value_of(h->fh, h->other);
    if (node != h->paths.spawn_node && h->value->flows && other)
        note_flow(session, f, &other->origin, &h->value->origin);
}

static void note_use(struct session *session, struct handoff *h, unsigned node, struct finding *f,
                     const char *function)
{
    char *used = cursor_spelling(h->used);
    char *msg = str_printf("'%s' uses '%s' here before joining the thread", function, used);
    finding_add_note(f, cfg_node_pos(&session->unit, h->paths.cfg, node), msg);
    free(msg);
    free(used);
    struct value_origin how;
    if (h->value->flows && value_flow_is_alias(h->fh->vf, h->used, h->root, &how))
        note_flow(session, f, &how, &h->value->origin);
}

static void report_handoff(struct session *session, struct handoff *h, unsigned node)
{
    const struct thread_spawn *spawn = h->paths.spawn;
    char *name = handed_name(h);
    char *type = marked_type_name(&h->value->path);
    char *function = cursor_spelling(spawn->function);
    char *msg = h->other
                    ? str_printf("'%s' (not-thread-safe '%s') is handed to more than one thread",
                                 name, type)
                    : str_printf("'%s' (not-thread-safe '%s') is handed to a new thread while "
                                 "'%s' keeps using it", name, type, function);
    struct finding *f = report_at(session, &rule_thread_unsafe_handle.description,
                                      cursor_pos(&session->unit, spawn->call), msg);
    free(msg);
    if (h->value->flows)
        note_flow(session, f, &h->value->origin, NULL);
    if (h->other)
        note_other_creation(session, h, node, f, name);
    else
        note_use(session, h, node, f, function);
    note_type(session, f, &h->value->path);
    free(function);
    free(type);
    free(name);
}

/* The same value handed to another thread first, else a use by the creator,
 * on a path where the thread still runs. */
static unsigned find_sharing(const struct cfg *cfg, struct handoff *h)
{
    struct cfg_search q = {.is_target = shared_again, .blocks = handoff_ends,
                           .blocks_edge = thread_paths_failed, .ctx = h};
    unsigned node = cfg_search_forward(cfg, h->paths.spawn_node, &q);
    if (node != CFG_NO_NODE)
        return node;
    h->other = NULL;
    q.is_target = used_again;
    h->searching_uses = true;
    return cfg_search_forward(cfg, h->paths.spawn_node, &q);
}

static void check_spawn(struct function_handoffs *fh, const struct thread_spawn *spawn,
                        const struct cfg *cfg)
{
    struct handoff h = {.spawns = fh->session->spawns, .fh = fh, .value = handed_value_of(fh, spawn)};
    if (!h.value)
        return;
    h.root = h.value->flows ? clang_getCanonicalCursor(h.value->origin.var)
                            : expression_root_variable(spawn->arg);
    h.carrier = h.value->carried ? expression_root_variable(spawn->arg) : clang_getNullCursor();
    if (!clang_Cursor_isNull(h.root) && thread_paths_init(&h.paths, cfg, spawn)) {
        if (!h.value->flows)
            for_each_variable_reference(cursor_strip(spawn->arg), add_index_var, &h);
        unsigned node = find_sharing(cfg, &h);
        if (node != CFG_NO_NODE)
            report_handoff(fh->session, &h, node);
        thread_paths_free(&h.paths);
    }
    free(h.indices);
    free(h.holders);
    free(h.non_holders);
}

/* The creations of one function (from its first, `first`): one graph and one
 * value flow for all of them. */
static void check_function_spawns(struct session *session, size_t first)
{
    const struct thread_spawn_list *spawns = session->spawns;
    CXCursor function = spawns->items[first].function;
    struct cfg cfg = {0};
    if (!cfg_build(function, session_functions(session), &cfg))
        return;
    struct function_handoffs fh = {.session = session, .env = value_flow_env_new()};
    fh.vf = value_flow_new(fh.env, function);
    fh.values = xcalloc(spawns->count, sizeof *fh.values);
    fh.state = xcalloc(spawns->count, sizeof *fh.state);
    for (size_t i = first; i < spawns->count; i++)
        if (clang_equalCursors(spawns->items[i].function, function))
            check_spawn(&fh, &spawns->items[i], &cfg);
    for (size_t i = 0; i < spawns->count; i++)
        free(fh.values[i].object);
    free(fh.values);
    free(fh.state);
    value_flow_free(fh.vf);
    value_flow_env_free(fh.env);
    cfg_free(&cfg);
}

static bool first_spawn_of_its_function(const struct thread_spawn_list *spawns, size_t at)
{
    for (size_t i = 0; i < at; i++)
        if (clang_equalCursors(spawns->items[i].function, spawns->items[at].function))
            return false;
    return true;
}

static void check_handoffs(struct session *session)
{
    for (size_t i = 0; i < session->spawns->count; i++)
        if (first_spawn_of_its_function(session->spawns, i) &&
            session_reports_in(session, session->spawns->items[i].function))
            check_function_spawns(session, i);
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
    if (variable_is_thread_local(use->var) || find_use(u, use->var) || known_unmarked(u, use->var))
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

static void report_global(struct session *session, const struct call_graph *graph, int function,
                          const struct cg_var_use *use, const struct global_use *outside)
{
    char *name = cursor_spelling(use->var);
    char *type = marked_type_name(&outside->path);
    char *msg = str_printf("global '%s' (not-thread-safe '%s') is used by a thread and by code "
                           "outside it", name, type);
    struct finding *f = report_at(session, &rule_thread_unsafe_handle.description,
                                      cursor_pos(&session->unit, use->use), msg);
    free(msg);
    call_graph_note_thread_path(session, graph, f, function);
    msg = str_printf("'%s' is also used here, by code that runs outside the thread", name);
    finding_add_note(f, cursor_pos(&session->unit, outside->use), msg);
    free(msg);
    note_type(session, f, &outside->path);
    free(type);
    free(name);
}

static void check_thread_function(struct session *session, const struct call_graph *graph,
                                  int function, struct global_uses *outside)
{
    const struct cg_function *fn = &graph->functions[function];
    for (size_t i = 0; i < fn->global_count; i++) {
        const struct global_use *other = find_use(outside, fn->globals[i].var);
        bool first_in_function = true;
        for (size_t j = 0; j < i && first_in_function; j++)
            first_in_function = !clang_equalCursors(fn->globals[j].var, fn->globals[i].var);
        if (other && first_in_function)
            report_global(session, graph, function, &fn->globals[i], other);
    }
}

static void check_globals(struct session *session)
{
    const struct call_graph *graph = session_call_graph(session);
    struct global_uses outside = {.config = session->config};
    for (size_t f = 0; f < graph->count; f++)
        if (graph->functions[f].in_other)
            for (size_t i = 0; i < graph->functions[f].global_count; i++)
                note_outside_use(&outside, &graph->functions[f].globals[i]);
    if (outside.count)
        for (size_t f = 0; f < graph->count; f++)
            if (graph->functions[f].in_thread && session_reports_in(session, graph->functions[f].definition))
                check_thread_function(session, graph, (int)f, &outside);
    free(outside.items);
    free(outside.unmarked);
}

static void check_translation_unit(struct session *session, void *state)
{
    if (session->spawns->count == 0)
        return;
    check_handoffs(session);
    check_globals(session);
}

const struct rule rule_thread_unsafe_handle = {
    .description.id = "thread-unsafe-handle",
    .description.short_description = "A value of a type marked not thread-safe is shared between threads.",
    .description.full_description =
        "A type marked LC_NOT_THREAD_SAFE (for example a handle with a non-atomic reference "
        "count, like Rust's Rc) must be used by one thread at a time. lockcheck reports a "
        "thread creation that hands such a value (or a pointer to it, or a struct or array "
        "holding it) to a new thread while another thread can still use it: the same object "
        "handed to a second thread, or used by the creator, before the join; and a global "
        "holding such a value used both by code that runs in a thread and by other code "
        "(thread-local globals are each thread's own). The value is followed through copies, "
        "casts, functions that return their argument (a clone that only bumps a plain count) "
        "and struct fields or array elements, so a clone or a second pointer is the same "
        "object. Handing the value to one thread and not touching it until the join is a "
        "transfer of ownership and is allowed.",
    .check_translation_unit = check_translation_unit,
};
