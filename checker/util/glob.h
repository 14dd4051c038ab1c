/*
 * glob.h: the `*` wildcard patterns clang-tidy uses for check names, shared
 * by --checks= and the config file's checks (rules/rule.c) and NOLINT(...) comments
 * (driver/suppress.c).
 */
#ifndef LOCKCHECK_GLOB_H
#define LOCKCHECK_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* True when `text` matches `pattern` of length `pattern_len`, where `*`
 * matches any run of characters and every other character itself. */
bool glob_match_n(const char *pattern, size_t pattern_len, const char *text);
bool glob_match(const char *pattern, const char *text);

/* Walks a comma-separated list ("a, -b*,c"): sets *item / *len to the next
 * item with surrounding whitespace trimmed, skipping empty items, and
 * advances *cursor. Returns false at the end of the list. */
bool glob_list_next(const char **cursor, const char **item, size_t *len);

#endif
