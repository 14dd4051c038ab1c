/*
 * summary_io.h: summaries as text, for the cross-translation-unit summary
 * cache (summary_cache.c).
 *
 * The form is JSON, versioned as a whole:
 *
 *   {"format": "lockcheck-summaries", "version": 1, "summaries": [
 *     {"usr": "c:@F@foo_lock", "name": "foo_lock", "effects": [
 *       {"op": "acquire", "mode": "exclusive", "success": 0, "kind": "mutex",
 *        "lock": {"root": "param", "id": "$0", "name": "q",
 *                 "steps": [{"step": "deref"},
 *                           {"step": "field", "name": "mu", "id": "c:@S@foo@FI@mu"}]}}]}]}
 *
 * op: acquire | try-acquire | release; mode: exclusive | shared | any;
 * root: global | param | local | opaque; step: deref | addr | field | index
 * ("name" as written, "id" optional: see struct lock_step). A reader
 * rejects any other version, and any missing or mistyped member, with a
 * message: never a half-read summary. The parser needs nothing but json-c
 * and util/memory.c, so its round-trip test links it alone.
 */
#ifndef LOCKCHECK_SUMMARY_IO_H
#define LOCKCHECK_SUMMARY_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "summary/summary.h"

#define SUMMARY_IO_VERSION 1

/* Effect kinds ("mutex", a configured kind...) of parsed summaries point
 * into a pool that lives as long as they do. */
struct string_pool {
    char **items;
    size_t count, capacity;
};
const char *string_pool_intern(struct string_pool *pool, const char *s);
void string_pool_free(struct string_pool *pool);

/* The document for `count` summaries (their usr, name and effects; nothing
 * else is written). Caller frees. */
char *summaries_to_text(const struct summary *const *list, size_t count);

/* Parses a document into a new array of summaries (*list, *count; free each
 * with summary_io_free_fields, then the array). False with *error set
 * (caller frees) when the text is not such a document. */
bool summaries_from_text(const char *text, struct summary **list, size_t *count,
                         struct string_pool *kinds, char **error);

/* Frees what the parser allocated in one summary (not the summary itself). */
void summary_io_free_fields(struct summary *s);

#endif
