/*
 * thread_paths.c: where a created thread is joined (see thread_paths.h).
 */
#include "cfg/thread_paths.h"

#include <stdlib.h>
#include <string.h>

#include "ast/object_key.h"
#include "ast/session.h"
#include "util/memory.h"

static bool call_joins_handle(CXCursor call, const char *handle_key)
{
    if (!handle_key || !is_thread_join_call(call) || clang_Cursor_getNumArguments(call) < 1)
        return false;
    char *key = object_key(clang_Cursor_getArgument(call, 0));
    bool match = key && strcmp(key, handle_key) == 0;
    free(key);
    return match;
}

static bool is_loop(CXCursor c)
{
    enum CXCursorKind kind = clang_getCursorKind(c);
    return kind == CXCursor_ForStmt || kind == CXCursor_WhileStmt || kind == CXCursor_DoStmt;
}

/* Loop heads (other than the creating loop's) whose body joins an element of
 * the handle array: reaching one means every element gets joined. */
static void mark_joining_loops(struct thread_paths *p, const unsigned *joins, size_t join_count)
{
    const struct cfg *cfg = p->cfg;
    for (unsigned i = 0; i < cfg->node_count; i++) {
        const struct cfg_node *n = &cfg->nodes[i];
        if (n->kind != CFG_JOIN || !is_loop(n->cursor) || cursor_contains(n->cursor, p->spawn->call))
            continue;
        for (size_t j = 0; j < join_count && !p->joined[i]; j++)
            p->joined[i] = cursor_contains(n->cursor, cfg->nodes[joins[j]].cursor);
    }
}

bool thread_paths_init(struct thread_paths *p, const struct cfg *cfg,
                       const struct thread_spawn *spawn)
{
    memset(p, 0, sizeof *p);
    p->cfg = cfg;
    p->spawn = spawn;
    p->spawn_node = cfg_call_node(cfg, spawn->call);
    if (p->spawn_node == CFG_NO_NODE)
        return false;
    p->handle_key = clang_Cursor_isNull(spawn->handle) ? NULL : pointee_key(spawn->handle);
    p->single_handle = !p->handle_key || !strstr(p->handle_key, "[]");
    p->result_var = cfg_call_result_variable(cfg, spawn->call);
    p->joined = xcalloc(cfg->node_count + 1, sizeof *p->joined);
    unsigned *joins = xmalloc((cfg->node_count + 1) * sizeof *joins);
    size_t join_count = 0;
    for (unsigned i = 0; i < cfg->node_count; i++)
        if (cfg->nodes[i].kind == CFG_CALL && call_joins_handle(cfg->nodes[i].cursor, p->handle_key)) {
            p->joined[i] = true;
            joins[join_count++] = i;
        }
    if (!p->single_handle && join_count)
        mark_joining_loops(p, joins, join_count);
    free(joins);
    return true;
}

void thread_paths_free(struct thread_paths *p)
{
    free(p->handle_key);
    free(p->joined);
    memset(p, 0, sizeof *p);
}

bool thread_paths_joined(void *ctx, unsigned node)
{
    const struct thread_paths *p = ctx;
    return p->joined[node];
}

bool thread_paths_failed(void *ctx, unsigned edge)
{
    const struct thread_paths *p = ctx;
    return cfg_edge_result_nonzero(p->cfg, edge, p->spawn->call, p->result_var);
}

void for_each_spawn_with_cfg(struct session *session,
                             void (*check)(struct session *session, const struct thread_spawn *spawn,
                                           const struct cfg *cfg))
{
    struct cfg cfg = {0};
    bool built = false;
    CXCursor built_for = clang_getNullCursor();
    for (size_t i = 0; i < session->spawns->count; i++) {
        const struct thread_spawn *spawn = &session->spawns->items[i];
        if (!session_reports_in(session, spawn->function))
            continue;
        if (clang_Cursor_isNull(built_for) || !clang_equalCursors(built_for, spawn->function)) {
            if (built)
                cfg_free(&cfg);
            built = cfg_build(spawn->function, session_functions(session), &cfg);
            built_for = spawn->function;
        }
        if (built)
            check(session, spawn, &cfg);
    }
    if (built)
        cfg_free(&cfg);
}
