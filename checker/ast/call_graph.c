/*
 * call_graph.c: the translation unit's direct-call graph and thread
 * reachability (see call_graph.h).
 */
#include "ast/call_graph.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/session.h"
#include "ast/threads.h"
#include "report/finding.h"
#include "util/hash.h"
#include "util/memory.h"

/* ---- the index by USR ----------------------------------------------------- */

static int find_usr(const struct call_graph *g, const char *usr)
{
    if (!g->slot_count)
        return -1;
    for (size_t i = hash_string(HASH_SEED, usr) & (g->slot_count - 1);; i = (i + 1) & (g->slot_count - 1)) {
        int at = g->slots[i];
        if (at < 0 || strcmp(g->functions[at].usr, usr) == 0)
            return at;
    }
}

static void build_index(struct call_graph *g)
{
    g->slot_count = 16;
    while (g->slot_count < 2 * g->count)
        g->slot_count *= 2;
    g->slots = xmalloc(g->slot_count * sizeof *g->slots);
    for (size_t i = 0; i < g->slot_count; i++)
        g->slots[i] = -1;
    for (size_t f = 0; f < g->count; f++) {
        size_t i = hash_string(HASH_SEED, g->functions[f].usr) & (g->slot_count - 1);
        while (g->slots[i] >= 0)
            i = (i + 1) & (g->slot_count - 1);
        g->slots[i] = (int)f;
    }
}


int call_graph_find(const struct call_graph *graph, CXCursor function)
{
    char *usr = cursor_usr(function);
    int at = find_usr(graph, usr);
    free(usr);
    return at;
}

/* ---- building ---------------------------------------------------------------- */

static enum CXChildVisitResult collect_definition(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct call_graph *g = data;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    char *usr = cursor_usr(c);
    ARRAY_RESERVE(g->functions, g->capacity, g->count + 1);
    struct cg_function *f = &g->functions[g->count++];
    memset(f, 0, sizeof *f);
    f->usr = usr;
    f->definition = c;
    f->thread_caller = -1;
    return CXChildVisit_Continue;
}

static bool is_global_variable(CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return false;
    return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit;
}

struct body_walk {
    struct call_graph *graph;
    struct cg_function *function;
};

static void add_call(struct body_walk *w, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    int index = -1;
    if (clang_getCursorKind(callee) == CXCursor_FunctionDecl)
        index = call_graph_find(w->graph, callee);
    struct cg_function *f = w->function;
    ARRAY_RESERVE(f->calls, f->call_capacity, f->call_count + 1);
    f->calls[f->call_count].call = call;
    f->calls[f->call_count].callee = index;
    f->call_count++;
}

static void add_global_use(struct body_walk *w, CXCursor ref)
{
    CXCursor var = clang_getCursorReferenced(ref);
    if (!is_global_variable(var))
        return;
    struct cg_function *f = w->function;
    ARRAY_RESERVE(f->globals, f->global_capacity, f->global_count + 1);
    f->globals[f->global_count].var = clang_getCanonicalCursor(var);
    f->globals[f->global_count].use = ref;
    f->global_count++;
}

static enum CXChildVisitResult visit_body(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct body_walk *w = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_CallExpr)
        add_call(w, c);
    else if (kind == CXCursor_DeclRefExpr)
        add_global_use(w, c);
    return CXChildVisit_Recurse;
}

/* ---- reachability ------------------------------------------------------------- */

static void mark_thread_reachable(struct call_graph *g, int *queue, size_t head, size_t tail)
{
    while (head < tail) {
        int at = queue[head++];
        const struct cg_function *f = &g->functions[at];
        for (size_t c = 0; c < f->call_count; c++) {
            int callee = f->calls[c].callee;
            if (callee < 0 || g->functions[callee].in_thread)
                continue;
            g->functions[callee].in_thread = true;
            g->functions[callee].thread_caller = at;
            g->functions[callee].thread_call = f->calls[c].call;
            queue[tail++] = callee;
        }
    }
}

static void mark_other_reachable(struct call_graph *g, int *queue, size_t tail)
{
    size_t head = 0;
    while (head < tail) {
        const struct cg_function *f = &g->functions[queue[head++]];
        for (size_t c = 0; c < f->call_count; c++) {
            int callee = f->calls[c].callee;
            if (callee < 0 || g->functions[callee].in_other)
                continue;
            g->functions[callee].in_other = true;
            queue[tail++] = callee;
        }
    }
}

static void compute_reachability(struct session *session, struct call_graph *g)
{
    int *queue = xmalloc((g->count + 1) * sizeof *queue);
    size_t tail = 0;
    for (size_t i = 0; i < session->thread_entry_count; i++) {
        int at = find_usr(g, session->thread_entries[i]);
        if (at >= 0 && !g->functions[at].in_thread) {
            g->functions[at].in_thread = true;
            queue[tail++] = at;
        }
    }
    mark_thread_reachable(g, queue, 0, tail);
    tail = 0;
    for (size_t i = 0; i < g->count; i++) {
        struct cg_function *f = &g->functions[i];
        if (!f->in_thread && clang_getCursorLinkage(f->definition) == CXLinkage_External) {
            f->in_other = true;
            queue[tail++] = (int)i;
        }
    }
    mark_other_reachable(g, queue, tail);
    free(queue);
}

struct call_graph *session_call_graph(struct session *session)
{
    if (session->call_graph)
        return session->call_graph;
    struct call_graph *g = xcalloc(1, sizeof *g);
    clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), collect_definition, g);
    build_index(g);
    for (size_t i = 0; i < g->count; i++) {
        struct body_walk w = {.graph = g, .function = &g->functions[i]};
        clang_visitChildren(g->functions[i].definition, visit_body, &w);
    }
    compute_reachability(session, g);
    session->call_graph = g;
    return g;
}

void call_graph_free(struct call_graph *graph)
{
    if (!graph)
        return;
    for (size_t i = 0; i < graph->count; i++) {
        free(graph->functions[i].usr);
        free(graph->functions[i].calls);
        free(graph->functions[i].globals);
    }
    free(graph->functions);
    free(graph->slots);
    free(graph);
}

/* ---- notes -------------------------------------------------------------------- */

void call_graph_note_thread_path(struct session *session, const struct call_graph *graph,
                                 struct finding *f, int index)
{
    if (!f || index < 0)
        return;
    /* Walk up to the entry, then print from the entry down. */
    size_t depth = 0;
    for (int at = index; graph->functions[at].thread_caller >= 0 && depth <= graph->count;
         at = graph->functions[at].thread_caller)
        depth++;
    int *chain = xmalloc((depth + 1) * sizeof *chain);
    int at = index;
    for (size_t i = depth + 1; i-- > 0; at = graph->functions[at].thread_caller)
        chain[i] = at;
    char *entry = cursor_spelling(graph->functions[chain[0]].definition);
    const struct thread_spawn *spawn =
        thread_spawn_of_entry(session->spawns, graph->functions[chain[0]].definition);
    char *msg = str_printf("'%s' runs in a new thread started here", entry);
    CXCursor start = spawn ? spawn->call : graph->functions[chain[0]].definition;
    finding_add_note(f, cursor_pos(&session->unit, start), msg);
    free(msg);
    free(entry);
    for (size_t i = 1; i <= depth; i++) {
        const struct cg_function *callee = &graph->functions[chain[i]];
        char *caller = cursor_spelling(graph->functions[chain[i - 1]].definition);
        char *name = cursor_spelling(callee->definition);
        msg = str_printf("'%s' calls '%s' here", caller, name);
        finding_add_note(f, cursor_pos(&session->unit, callee->thread_call), msg);
        free(msg);
        free(caller);
        free(name);
    }
    free(chain);
}
