/*
 * cfg_builder.h: the control-flow graph builder's state and primitives,
 * shared by its three files (internal to cfg/; users include cfg.h):
 *   cfg.c             edge lists, nodes, edges, scopes; finishing the graph
 *   cfg_build_expr.c  expressions, calls, guarded accesses, conditions
 *   cfg_build_stmt.c  statements, one function per kind
 *
 * The builder walks statements in order keeping a list of "pending" edges
 * (`cur`): edges whose source is known but whose target is the next node
 * to be emitted. A branch produces two pending lists (true and false);
 * jumps park their pending edges on the enclosing loop, switch or label.
 */
#ifndef LOCKCHECK_CFG_BUILDER_H
#define LOCKCHECK_CFG_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg/cfg.h"

#define NO_NODE 0xffffffffu

struct edge_list {
    unsigned *items;
    size_t count, capacity;
};

struct jump_target {
    bool is_switch;
    unsigned switch_node;
    bool has_default;
    unsigned continue_node;       /* NO_NODE when continues are pending (do, for) */
    struct edge_list breaks;
    struct edge_list continues;
    size_t scope_depth;
};

struct scope {
    CXCursor stmt;
    CXCursor *cleanups;
    size_t cleanup_count, cleanup_capacity;
};

struct label_entry {
    CXCursor label;
    unsigned node;
    bool placed;
};

struct builder {
    struct cfg *cfg;
    const struct function_index *functions; /* for cleanup attributes */
    size_t node_capacity, edge_capacity;
    struct edge_list cur;
    struct jump_target *targets;
    size_t target_count, target_capacity;
    struct scope *scopes;
    size_t scope_count, scope_capacity;
    struct label_entry *labels;
    size_t label_count, label_capacity;
    struct edge_list indirect_gotos;
    /* Guarded-data accesses (only with a hook): the lvalue being written or
     * having its address taken while its expression is built. */
    const struct cfg_access_hook *hook;
    struct lvalue_mark *marks;
    size_t mark_count, mark_capacity;
};

struct lvalue_mark {
    CXCursor expr;
    bool write;             /* else: address taken, not an access */
};

/* ---- edge lists, nodes and edges (cfg.c) ---- */

void edge_list_push(struct edge_list *l, unsigned edge);
/* Moves every edge of `from` to `into`. */
void edge_list_append(struct edge_list *into, struct edge_list *from);
void edge_list_free(struct edge_list *l);

unsigned builder_add_node(struct builder *b, enum cfg_node_kind kind, CXCursor cursor);
/* An edge from `from` whose target is not known yet. */
unsigned builder_add_edge(struct builder *b, unsigned from, enum cfg_edge_kind kind);
/* Points the edges of `l` at `node` and empties the list. */
void builder_link_to(struct builder *b, struct edge_list *l, unsigned node);
/* Emits a node reached by the pending edges; it becomes the only pending source. */
unsigned builder_emit(struct builder *b, enum cfg_node_kind kind, CXCursor cursor);
/* A CFG_BRANCH on `cond` reached by the pending edges: its edges go to t and f. */
void builder_emit_branch(struct builder *b, CXCursor cond, struct edge_list *t, struct edge_list *f);

/* ---- scopes and cleanup variables (cfg.c) ---- */

void builder_push_scope(struct builder *b, CXCursor stmt);
/* Ends the innermost scope, running its cleanups on the pending paths. */
void builder_pop_scope(struct builder *b);
void builder_emit_scope_cleanups(struct builder *b, const struct scope *s);
/* Runs the cleanups of every scope deeper than `depth` (for a jump out). */
void builder_emit_cleanups_to(struct builder *b, size_t depth);
/* A variable declared in the innermost scope: a cleanup variable runs its
 * function where the scope ends. */
void builder_note_declaration(struct builder *b, CXCursor var);

/* Records a local or parameter whose address is taken (cfg.c). */
void cfg_address_set_insert(struct cfg *g, CXCursor var);

/* ---- expressions and conditions (cfg_build_expr.c) ---- */

void build_expr(struct builder *b, CXCursor e);
/* The expression (or statement) children of `e`, in order. */
void build_children_as_exprs(struct builder *b, CXCursor e);
/* Splits a condition into atomic branches; its true and false edges go to t and f. */
void build_cond(struct builder *b, CXCursor e, struct edge_list *t, struct edge_list *f);

/* ---- statements (cfg_build_stmt.c) ---- */

void build_stmt(struct builder *b, CXCursor s);

#endif
