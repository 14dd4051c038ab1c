/*
 * cfg.c: building a function's control-flow graph (see cfg.h): the
 * builder's primitives (edge lists, nodes, edges, scopes and their cleanup
 * variables), then finishing the graph (out edges, reverse post-order), the
 * set of locals whose address is taken, and the debug dump. Expressions
 * and statements are cfg_build_expr.c's and cfg_build_stmt.c's
 * (cfg_builder.h says how the builder works).
 */
#include "cfg/cfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cleanup_attr.h"
#include "ast/cursor_util.h"
#include "cfg/cfg_builder.h"
#include "util/memory.h"

/* ---- graph primitives ---------------------------------------------------- */

void edge_list_push(struct edge_list *l, unsigned edge)
{
    ARRAY_RESERVE(l->items, l->capacity, l->count + 1);
    l->items[l->count++] = edge;
}

void edge_list_append(struct edge_list *into, struct edge_list *from)
{
    for (size_t i = 0; i < from->count; i++)
        edge_list_push(into, from->items[i]);
    from->count = 0;
}

void edge_list_free(struct edge_list *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}

unsigned builder_add_node(struct builder *b, enum cfg_node_kind kind, CXCursor cursor)
{
    struct cfg *g = b->cfg;
    ARRAY_RESERVE(g->nodes, b->node_capacity, g->node_count + 1);
    struct cfg_node *n = &g->nodes[g->node_count];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->cursor = cursor;
    return g->node_count++;
}

unsigned builder_add_edge(struct builder *b, unsigned from, enum cfg_edge_kind kind)
{
    struct cfg *g = b->cfg;
    ARRAY_RESERVE(g->edges, b->edge_capacity, g->edge_count + 1);
    struct cfg_edge *e = &g->edges[g->edge_count];
    e->from = from;
    e->to = NO_NODE;
    e->kind = kind;
    e->label = clang_getNullCursor();
    return g->edge_count++;
}

void builder_link_to(struct builder *b, struct edge_list *l, unsigned node)
{
    for (size_t i = 0; i < l->count; i++)
        b->cfg->edges[l->items[i]].to = node;
    l->count = 0;
}

/* Emits a node reached by the pending edges; it becomes the only pending source. */
unsigned builder_emit(struct builder *b, enum cfg_node_kind kind, CXCursor cursor)
{
    unsigned node = builder_add_node(b, kind, cursor);
    builder_link_to(b, &b->cur, node);
    edge_list_push(&b->cur, builder_add_edge(b, node, CFG_EDGE_NORMAL));
    return node;
}

void builder_emit_branch(struct builder *b, CXCursor cond, struct edge_list *t, struct edge_list *f)
{
    unsigned node = builder_add_node(b, CFG_BRANCH, cond);
    builder_link_to(b, &b->cur, node);
    edge_list_push(t, builder_add_edge(b, node, CFG_EDGE_TRUE));
    edge_list_push(f, builder_add_edge(b, node, CFG_EDGE_FALSE));
}

/* ---- scopes and cleanup variables --------------------------------------- */

void builder_push_scope(struct builder *b, CXCursor stmt)
{
    ARRAY_RESERVE(b->scopes, b->scope_capacity, b->scope_count + 1);
    struct scope *s = &b->scopes[b->scope_count++];
    memset(s, 0, sizeof *s);
    s->stmt = stmt;
}

void builder_emit_scope_cleanups(struct builder *b, const struct scope *s)
{
    for (size_t i = s->cleanup_count; i-- > 0;)
        builder_emit(b, CFG_CLEANUP, s->cleanups[i]);
}

/* Runs the cleanups of every scope deeper than `depth` (for a jump out). */
void builder_emit_cleanups_to(struct builder *b, size_t depth)
{
    if (b->cur.count == 0)
        return;
    for (size_t i = b->scope_count; i-- > depth;)
        builder_emit_scope_cleanups(b, &b->scopes[i]);
}

void builder_pop_scope(struct builder *b)
{
    struct scope *s = &b->scopes[b->scope_count - 1];
    if (b->cur.count)
        builder_emit_scope_cleanups(b, s);
    free(s->cleanups);
    b->scope_count--;
}

void builder_note_declaration(struct builder *b, CXCursor var)
{
    if (!has_unexposed_attribute(var) || clang_Cursor_isNull(var_cleanup_function(b->functions, var)) || b->scope_count == 0)
        return;
    struct scope *s = &b->scopes[b->scope_count - 1];
    ARRAY_RESERVE(s->cleanups, s->cleanup_capacity, s->cleanup_count + 1);
    s->cleanups[s->cleanup_count++] = var;
}

/* ---- finishing ----------------------------------------------------------------- */

static void compute_out_edges(struct cfg *g)
{
    g->out_edges = xcalloc(g->edge_count + 1, sizeof *g->out_edges);
    for (unsigned i = 0; i < g->node_count; i++)
        g->nodes[i].out_count = 0;
    for (unsigned e = 0; e < g->edge_count; e++)
        if (g->edges[e].to != NO_NODE)
            g->nodes[g->edges[e].from].out_count++;
    unsigned at = 0;
    for (unsigned i = 0; i < g->node_count; i++) {
        g->nodes[i].first_out = at;
        at += g->nodes[i].out_count;
        g->nodes[i].out_count = 0;
    }
    for (unsigned e = 0; e < g->edge_count; e++) {
        if (g->edges[e].to == NO_NODE)
            continue;
        struct cfg_node *n = &g->nodes[g->edges[e].from];
        g->out_edges[n->first_out + n->out_count++] = e;
    }
}

/* Reverse post-order from the entry, iteratively (functions can be long). */
static void compute_rpo(struct cfg *g)
{
    unsigned *order = xmalloc((g->node_count + 1) * sizeof *order);
    unsigned *stack = xmalloc((g->node_count + 1) * sizeof *stack);
    unsigned *next = xcalloc(g->node_count + 1, sizeof *next);
    bool *seen = xcalloc(g->node_count + 1, sizeof *seen);
    unsigned depth = 0, done = 0;
    stack[depth++] = g->entry;
    seen[g->entry] = true;
    while (depth) {
        unsigned n = stack[depth - 1];
        const struct cfg_node *node = &g->nodes[n];
        if (next[n] < node->out_count) {
            unsigned to = g->edges[g->out_edges[node->first_out + next[n]++]].to;
            if (!seen[to]) {
                seen[to] = true;
                stack[depth++] = to;
            }
        } else {
            order[done++] = n;
            depth--;
        }
    }
    g->rpo = xmalloc((done + 1) * sizeof *g->rpo);
    for (unsigned i = 0; i < done; i++)
        g->rpo[i] = order[done - 1 - i];
    g->rpo_count = done;
    free(order);
    free(stack);
    free(next);
    free(seen);
}

bool cfg_build(CXCursor function, const struct function_index *functions, struct cfg *out)
{
    return cfg_build_with_accesses(function, functions, out, NULL);
}

bool cfg_build_with_accesses(CXCursor function, const struct function_index *functions,
                             struct cfg *out, const struct cfg_access_hook *hook)
{
    memset(out, 0, sizeof *out);
    CXCursor body = cursor_function_body(function);
    if (clang_Cursor_isNull(body))
        return false;
    struct builder b = {0};
    b.cfg = out;
    b.functions = functions;
    b.hook = hook && hook->guard_bits ? hook : NULL;
    out->function = function;
    out->body = body;
    out->entry = builder_add_node(&b, CFG_ENTRY, function);
    out->exit = builder_add_node(&b, CFG_EXIT, function);
    edge_list_push(&b.cur, builder_add_edge(&b, out->entry, CFG_EDGE_NORMAL));
    build_stmt(&b, body);
    if (b.cur.count) {
        builder_emit(&b, CFG_END_OF_BODY, body);
        builder_link_to(&b, &b.cur, out->exit);
    }
    /* An indirect goto may reach any label. */
    for (size_t i = 0; i < b.indirect_gotos.count; i++) {
        for (size_t l = 0; l < b.label_count; l++) {
            unsigned e = builder_add_edge(&b, out->edges[b.indirect_gotos.items[i]].from, CFG_EDGE_NORMAL);
            out->edges[e].to = b.labels[l].node;
        }
        out->edges[b.indirect_gotos.items[i]].to = NO_NODE;
    }
    compute_out_edges(out);
    compute_rpo(out);
    edge_list_free(&b.cur);
    edge_list_free(&b.indirect_gotos);
    free(b.targets);
    free(b.scopes);
    free(b.labels);
    free(b.marks);
    return true;
}

void cfg_free(struct cfg *cfg)
{
    free(cfg->nodes);
    free(cfg->edges);
    free(cfg->out_edges);
    free(cfg->rpo);
    free(cfg->address_taken);
    memset(cfg, 0, sizeof *cfg);
}

static unsigned address_slot(const struct cfg *g, CXCursor var)
{
    unsigned mask = g->address_taken_slots - 1;
    unsigned at = clang_hashCursor(var) & mask;
    while (!clang_Cursor_isNull(g->address_taken[at]) && !clang_equalCursors(g->address_taken[at], var))
        at = (at + 1) & mask;
    return at;
}

void cfg_address_set_insert(struct cfg *g, CXCursor var)
{
    if ((g->address_taken_count + 1) * 2 > g->address_taken_slots) {
        CXCursor *old = g->address_taken;
        unsigned old_slots = g->address_taken_slots;
        g->address_taken_slots = old_slots ? old_slots * 2 : 16;
        g->address_taken = xmalloc(g->address_taken_slots * sizeof *g->address_taken);
        for (unsigned i = 0; i < g->address_taken_slots; i++)
            g->address_taken[i] = clang_getNullCursor();
        for (unsigned i = 0; i < old_slots; i++)
            if (!clang_Cursor_isNull(old[i]))
                g->address_taken[address_slot(g, old[i])] = old[i];
        free(old);
    }
    unsigned at = address_slot(g, var);
    if (clang_Cursor_isNull(g->address_taken[at])) {
        g->address_taken[at] = var;
        g->address_taken_count++;
    }
}

bool cfg_is_address_taken(const struct cfg *cfg, CXCursor var)
{
    return cfg->address_taken_count && !clang_Cursor_isNull(cfg->address_taken[address_slot(cfg, var)]);
}

void cfg_dump(const struct cfg *cfg, void *file)
{
    static const char *const kinds[] = {"entry", "exit", "join", "call", "branch", "switch",
                                        "assign", "cleanup", "return", "end", "access"};
    static const char *const edges[] = {"", "T", "F", "case", "default"};
    FILE *out = file;
    for (unsigned r = 0; r < cfg->rpo_count; r++) {
        unsigned i = cfg->rpo[r];
        const struct cfg_node *n = &cfg->nodes[i];
        unsigned line = 0;
        clang_getExpansionLocation(clang_getCursorLocation(n->cursor), NULL, &line, NULL, NULL);
        fprintf(out, "  n%u %s line %u ->", i, kinds[n->kind], line);
        for (unsigned k = 0; k < n->out_count; k++) {
            const struct cfg_edge *e = &cfg->edges[cfg->out_edges[n->first_out + k]];
            fprintf(out, " n%u%s%s", e->to, e->kind ? ":" : "", edges[e->kind]);
        }
        fputc('\n', out);
    }
}
