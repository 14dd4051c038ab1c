/*
 * annotations.h: lock annotations on declarations (include/lockcheck.h's
 * LC_* macros and clang's thread-safety attribute spellings) as the engine
 * uses them:
 *  - an annotated lock function behaves as a lock call for its callers
 *    (annotation_summary);
 *  - a function that requires (or releases) a lock starts with it held
 *    (annotation_entry_state);
 *  - LC_NO_ANALYSIS functions are not reported on (annotation_no_analysis);
 *  - the CFG gets an access node for every use of guarded data
 *    (annotation_cfg_hook), and the engine turns those nodes and the calls
 *    to annotated functions into facts the rules read
 *    (dataflow/annotation_facts.h: guarded-access, requires-lock,
 *    excluded-lock-held, lock-not-acquired).
 *
 * Files: read_attributes.c (the raw annotations of one declaration, both
 * spellings), lock_parse.c (their lock expressions), annotations.c (per
 * translation unit cache, summaries).
 */
#ifndef LOCKCHECK_ANNOTATIONS_H
#define LOCKCHECK_ANNOTATIONS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "annotations/read_attributes.h"
#include "ast/lock_expr.h"
#include "cfg/cfg.h"

struct session;
struct function_analysis;
struct lock_state;
struct summary;

/* The effects an annotated function declares, or NULL when it has none. */
const struct summary *annotation_summary(struct session *session, CXCursor function);
/* Whether the function is annotated not to be analysed. */
bool annotation_no_analysis(struct session *session, CXCursor function);
/* The hook the CFG builder asks which declarations are guarded. */
struct cfg_access_hook annotation_cfg_hook(struct session *session);
/* Whether a type (struct/union declaration) is marked LC_NOT_THREAD_SAFE. */
bool annotation_type_not_thread_safe(struct session *session, CXCursor record);

/* A lock named by an annotation, in "$i" (parameter) or "$0" (object) form. */
struct named_lock {
    enum annotation_kind kind;
    bool has_lock;              /* false for guarded_var / pt_guarded_var */
    struct lock_expr expr;
    const char *lock_kind;      /* "mutex", ... */
    long long success_value;    /* TRY_ACQUIRES */
};

/* The parsed locks of a declaration's annotations: what guards a field or
 * global, what a function requires, acquires, releases or excludes. */
const struct named_lock *annotation_locks(struct session *session, CXCursor decl, size_t *count);

/* ---- facts for the rules (one set per analysed function: dataflow/annotation_facts.h) ---- */

/* A use of guarded data (a CFG_ACCESS node). */
struct annotated_access {
    unsigned node;
    enum annotation_kind kind;   /* GUARDED_BY, PT_GUARDED_BY, WRITE_GUARDED_BY, *_VAR */
    bool write;
    bool deref;                  /* the pointed-to data of a PT_GUARDED pointer */
    unsigned lock;               /* index in fa->locks (not for *_VAR) */
    char *what;                  /* the data as written: "to->balance" */
};

/* A call to a function that requires or excludes a lock. */
struct annotated_call {
    unsigned node;
    bool excluded;               /* EXCLUDES; else REQUIRES */
    bool shared;                 /* REQUIRES_SHARED */
    unsigned lock;
    char *callee;
};

/* What the function itself is annotated to do with a lock. */
struct own_annotation {
    enum annotation_kind kind;   /* REQUIRES*, ACQUIRES*, RELEASES, TRY_ACQUIRES* */
    unsigned lock;
    long long success_value;     /* TRY_ACQUIRES */
};

struct annotation_facts {
    struct annotated_access *accesses;   /* sorted by node */
    size_t access_count, access_capacity;
    struct annotated_call *calls;        /* sorted by node */
    size_t call_count, call_capacity;
    struct own_annotation *own;
    size_t own_count, own_capacity;
};


/* The per translation unit cache of read annotations (the session owns it; the engine frees it). */
struct annotation_table;
void annotation_table_free(struct annotation_table *table);

#endif
