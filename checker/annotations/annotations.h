/*
 * annotations.h: lock annotations on declarations (include/lockcheck.h's
 * LC_* macros and clang's thread-safety attribute spellings) as the engine
 * uses them:
 *  - an annotated lock function behaves as a lock call for its callers
 *    (annotation_summary);
 *  - a function that requires a lock starts with it held
 *    (annotation_entry_state);
 *  - LC_NO_ANALYSIS functions are not reported on (annotation_no_analysis);
 *  - guarded data accesses are checked in the dataflow (annotation_collect).
 */
#ifndef LOCKCHECK_ANNOTATIONS_H
#define LOCKCHECK_ANNOTATIONS_H

#include <clang-c/Index.h>
#include <stdbool.h>

struct tu_context;
struct function_analysis;
struct lock_state;
struct summary;

/* The effects an annotated function declares, or NULL when it has none. */
const struct summary *annotation_summary(struct tu_context *tu, CXCursor function);
/* Whether the function is annotated not to be analysed. */
bool annotation_no_analysis(struct tu_context *tu, CXCursor function);
/* Gathers the function's annotated locks and accesses before the dataflow. */
void annotation_collect(struct function_analysis *fa);
/* Whether the dataflow must run even though the function takes no lock. */
bool annotation_wants_dataflow(struct function_analysis *fa);
/* Adjusts the entry state (locks the function requires are held). */
void annotation_entry_state(struct function_analysis *fa, struct lock_state *entry);

#endif
