/*
 * strings.h: string helpers every folder uses: formatting into a new
 * string, prefix and suffix tests, sorting arrays of strings, the words of C
 * identifiers (snake_case, camelCase, UPPER_CASE), and valid UTF-8.
 */
#ifndef LOCKCHECK_STRINGS_H
#define LOCKCHECK_STRINGS_H

#include <stdbool.h>
#include <stddef.h>

/* printf into a new string (caller frees); "" when the format fails. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True when `s` starts with `prefix`; then *rest (when `rest` is not NULL)
 * is what follows the prefix. */
bool str_starts_with(const char *s, const char *prefix, const char **rest);

/* True when `s` ends with `suffix`. */
bool str_ends_with(const char *s, const char *suffix);

/* A qsort / bsearch comparator for arrays of `char *` (or `const char *`). */
int str_compare_ptrs(const void *a, const void *b);

/* Sorts `count` allocated strings and frees the repeats; returns how many
 * are left, each once, at the front of `items`. */
size_t str_sort_unique(char **items, size_t count);

/* True when `s` is one of the strings of `list` (NULL-terminated). */
bool str_in_list(const char *s, const char *const *list);

/* A byte of a C identifier: a letter, a digit or `_` (ASCII). */
bool is_identifier_char(int c);

/* The length of the valid UTF-8 sequence at `s` within its `available`
 * bytes, or 0 when it is not one (overlong forms, surrogates and code
 * points past U+10FFFF included): reports write such bytes as U+FFFD. */
size_t utf8_sequence_length(const char *s, size_t available);

/* True when one of the words of the identifier `name`, lower-cased, is in
 * `words` (lower-case, NULL-terminated). Words end at `_` and digits, before
 * a capital after a lower-case letter, and before the last capital of a run
 * followed by a lower-case letter: `HTTPLockEntry_get2` is http, lock,
 * entry, get. */
bool identifier_has_word(const char *name, const char *const *words);

#endif
