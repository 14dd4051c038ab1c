/*
 * strings.c: string helpers (see strings.h).
 */
#include "util/strings.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/memory.h"

char *str_printf(const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return xstrdup("");
    char *buf = xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(buf, small, (size_t)n + 1);
        return buf;
    }
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return buf;
}

bool str_starts_with(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0)
        return false;
    if (rest)
        *rest = s + n;
    return true;
}

bool str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int str_compare_ptrs(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t str_sort_unique(char **items, size_t count)
{
    if (count == 0)
        return 0; /* items may be NULL, which qsort must not get */
    qsort(items, count, sizeof *items, str_compare_ptrs);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept > 0 && strcmp(items[kept - 1], items[i]) == 0)
            free(items[i]);
        else
            items[kept++] = items[i];
    }
    return kept;
}

bool str_in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

bool is_identifier_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

size_t utf8_sequence_length(const char *text, size_t available)
{
    const unsigned char *s = (const unsigned char *)text;
    if (available == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t length = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
                                                : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
    if (length > available)
        return 0;
    for (size_t i = 1; i < length; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
        return 0;
    return length;
}

/* The word name[0, len) lower-cased is in `words` (words are short). */
static bool word_is_listed(const char *word, size_t len, const char *const *words)
{
    char lower[16];
    if (len == 0 || len >= sizeof lower)
        return false;
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)tolower((unsigned char)word[i]);
    lower[len] = '\0';
    return str_in_list(lower, words);
}

/* A new word starts at a capital after a lower-case letter, and at the last
 * capital of a run followed by a lower-case letter (`HTTPLock`: HTTP, Lock). */
static bool word_starts_at(const char *s, size_t i)
{
    if (i == 0)
        return true;
    unsigned char prev = (unsigned char)s[i - 1], c = (unsigned char)s[i],
                  next = (unsigned char)s[i + 1];
    if (isupper(c) && islower(prev))
        return true;
    return isupper(c) && isupper(prev) && islower(next);
}

bool identifier_has_word(const char *name, const char *const *words)
{
    size_t start = 0, n = strlen(name);
    for (size_t i = 0; i <= n; i++) {
        bool separator = i == n || name[i] == '_' || isdigit((unsigned char)name[i]);
        if (separator || (i > start && word_starts_at(name, i))) {
            if (i > start && word_is_listed(name + start, i - start, words))
                return true;
            start = separator ? i + 1 : i;
        }
    }
    return false;
}
