/*
 * annotation_facts.h: one analysed function's annotation facts (the types:
 * annotations/annotations.h), gathered before its dataflow and read by the
 * rules.
 */
#ifndef LOCKCHECK_ANNOTATION_FACTS_H
#define LOCKCHECK_ANNOTATION_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "annotations/annotations.h"

struct function_analysis;
struct lock_state;

/* Gathers the function's annotated locks and accesses before the dataflow. */
void annotation_collect(struct function_analysis *fa);
/* Whether the dataflow must run even though the function takes no lock. */
bool annotation_wants_dataflow(struct function_analysis *fa);
/* Adjusts the entry state (locks the function requires are held). */
void annotation_entry_state(struct function_analysis *fa, struct lock_state *entry);
/* The facts at one node: a pointer to the first and their number. */
const struct annotated_access *annotation_accesses_at(const struct function_analysis *fa,
                                                      unsigned node, size_t *count);
const struct annotated_call *annotation_calls_at(const struct function_analysis *fa, unsigned node,
                                                 size_t *count);
/* Whether the analysed function is annotated to acquire the lock (so holding
 * it at return is its purpose, not a leak). */
bool annotation_function_acquires(const struct function_analysis *fa, unsigned lock);
void annotation_facts_free(struct annotation_facts *facts);

#endif
