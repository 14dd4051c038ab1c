/*
 * cfg.h: the control-flow graph of one function, built from libclang cursors.
 *
 * Nodes are the events the analyses care about, in evaluation order: calls,
 * branches on an atomic condition (short-circuit operators and `?:` are
 * split into several branches), switches, assignments, cleanup-variable scope
 * exits, returns and the fall-off-the-end of the body. Edges carry what the
 * branch decided (true / false / a case). The graph has one entry and one
 * exit; calls to noreturn functions have no successors.
 *
 * Covered: if/else, ?:, && || ! in conditions, for/while/do, switch with
 * fall-through, break/continue, goto and labels, return, statement
 * expressions, __attribute__((cleanup)) variables on every scope exit.
 * Unevaluated operands (sizeof, _Alignof, _Generic's unchosen branches) add
 * nothing. The size of the graph is linear in the size of the function.
 */
#ifndef LOCKCHECK_CFG_H
#define LOCKCHECK_CFG_H

#include <clang-c/Index.h>
#include <stdbool.h>

enum cfg_node_kind {
    CFG_ENTRY,
    CFG_EXIT,
    CFG_JOIN,         /* a merge point: loop head, label, case label */
    CFG_CALL,         /* cursor: the CallExpr, after its arguments were evaluated */
    CFG_BRANCH,       /* cursor: the atomic condition; out edges TRUE and FALSE */
    CFG_SWITCH,       /* cursor: the SwitchStmt; out edges CASE / DEFAULT */
    CFG_ASSIGN,       /* cursor: an assignment, ++/--, or a VarDecl with an initialiser */
    CFG_CLEANUP,      /* cursor: a VarDecl with __attribute__((cleanup)) leaving scope */
    CFG_RETURN,       /* cursor: the ReturnStmt (its value was evaluated before) */
    CFG_END_OF_BODY,  /* cursor: the body; control falls off the closing brace */
    CFG_ACCESS,       /* cursor: a DeclRefExpr / MemberRefExpr naming guarded data (see access) */
};

/* cfg_node.access for CFG_ACCESS nodes. */
enum {
    CFG_ACCESS_WRITE = 1,   /* assigned, compound-assigned, incremented or decremented */
    CFG_ACCESS_DEREF = 2,   /* the data the named pointer points to, not the pointer */
};

/* Optional: which declarations are guarded. Only uses of those get
 * CFG_ACCESS nodes, so unannotated code pays one lookup per name. */
enum { CFG_GUARDED = 1, CFG_PT_GUARDED = 2 };
struct function_index;

struct cfg_access_hook {
    unsigned (*guard_bits)(void *data, CXCursor decl);   /* CFG_GUARDED | CFG_PT_GUARDED */
    void *data;
};

enum cfg_edge_kind {
    CFG_EDGE_NORMAL,
    CFG_EDGE_TRUE,
    CFG_EDGE_FALSE,
    CFG_EDGE_CASE,    /* label: the CaseStmt */
    CFG_EDGE_DEFAULT,
};

struct cfg_edge {
    unsigned from, to;
    enum cfg_edge_kind kind;
    CXCursor label;
};

enum { CFG_OUTCOME_NONE, CFG_OUTCOME_TRUE, CFG_OUTCOME_FALSE };

struct cfg_node {
    enum cfg_node_kind kind;
    CXCursor cursor;
    bool noreturn;          /* CFG_CALL to a function that does not return */
    unsigned char access;   /* CFG_ACCESS: CFG_ACCESS_* bits */
    unsigned char outcome;  /* CFG_JOIN after a `&&` / `||` condition without side effects
                               (cursor: that condition): CFG_OUTCOME_TRUE or _FALSE */
    unsigned first_out;     /* out edges: cfg.out_edges[first_out .. +out_count] */
    unsigned out_count;
};

struct cfg {
    CXCursor function;
    CXCursor body;
    struct cfg_node *nodes;
    unsigned node_count;
    struct cfg_edge *edges;
    unsigned edge_count;
    unsigned *out_edges;    /* edge ids grouped by source node */
    unsigned *rpo;          /* reachable nodes in reverse post-order */
    unsigned rpo_count;
    unsigned entry, exit;
    CXCursor *address_taken; /* locals and parameters whose address is taken
                                (&x): an open-addressing set of size
                                address_taken_slots (a power of two) */
    unsigned address_taken_count, address_taken_slots;
};

/* Builds the graph of a function definition; false when it has no body.
 * `functions` (the unit's, ast/function_index.h) resolves the functions
 * that cleanup attributes name. */
bool cfg_build(CXCursor function, const struct function_index *functions, struct cfg *out);
/* The same, with access nodes for the declarations the hook says are guarded. */
bool cfg_build_with_accesses(CXCursor function, const struct function_index *functions,
                             struct cfg *out, const struct cfg_access_hook *hook);
void cfg_free(struct cfg *cfg);

bool cfg_is_address_taken(const struct cfg *cfg, CXCursor var);

/* Debug dump (lockcheck --dump-cfg). */
void cfg_dump(const struct cfg *cfg, void *file);

#endif
