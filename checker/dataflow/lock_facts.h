/*
 * lock_facts.h: the per-lock facts of a function (struct lock_info in
 * function_analysis.h) that rules and summaries read, computed by the
 * engine from the fixpoint: before the replay, and from each replayed
 * event (see lock_facts.c).
 */
#ifndef LOCKCHECK_LOCK_FACTS_H
#define LOCKCHECK_LOCK_FACTS_H

struct function_analysis;
struct lock_event;

/* From the fixpoint states: own_acquire_at, switches_for_caller. */
void lock_facts_before_replay(struct function_analysis *fa);
/* From one replayed event (before the rules see it): taken_inside and its
 * parameter test, released_after_acquire. */
void lock_facts_observe(struct function_analysis *fa, const struct lock_event *ev);

#endif
