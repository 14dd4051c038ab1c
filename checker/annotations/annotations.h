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
 *    (annotation_cfg_hook), and annotation_collect() turns those nodes and
 *    the calls to annotated functions into facts the rules read
 *    (guarded-access, requires-lock, excluded-lock-held, lock-not-acquired).
 *
 * Files: read_attributes.c (the raw annotations of one declaration, both
 * spellings), lock_parse.c (their lock expressions), annotations.c (per
 * translation unit cache, summaries, per function facts).
 */
#ifndef LOCKCHECK_ANNOTATIONS_H
#define LOCKCHECK_ANNOTATIONS_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "annotations/read_attributes.h"
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
/* Gathers the function's annotated locks and accesses before the dataflow. */
void annotation_collect(struct function_analysis *fa);
/* Whether the dataflow must run even though the function takes no lock. */
bool annotation_wants_dataflow(struct function_analysis *fa);
/* Adjusts the entry state (locks the function requires are held). */
void annotation_entry_state(struct function_analysis *fa, struct lock_state *entry);
/* Whether a type (struct/union declaration) is marked LC_NOT_THREAD_SAFE. */
bool annotation_type_not_thread_safe(struct session *session, CXCursor record);

/* ---- facts for the rules (one set per analysed function) ---- */

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

/* The facts at one node: a pointer to the first and their number. */
const struct annotated_access *annotation_accesses_at(const struct function_analysis *fa,
                                                      unsigned node, size_t *count);
const struct annotated_call *annotation_calls_at(const struct function_analysis *fa, unsigned node,
                                                 size_t *count);
/* Whether the analysed function is annotated to acquire the lock (so holding
 * it at return is its purpose, not a leak). */
bool annotation_function_acquires(const struct function_analysis *fa, unsigned lock);
void annotation_facts_free(struct annotation_facts *facts);

/* The per translation unit cache of read annotations (the session owns it; the engine frees it). */
struct annotation_table;
void annotation_table_free(struct annotation_table *table);

#endif
