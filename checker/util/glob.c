/*
 * glob.c: `*` wildcard matching (see glob.h). Iterative, with one back-track
 * point, so it is linear-ish and never recurses.
 */
#include "util/glob.h"

#include <ctype.h>
#include <string.h>

bool glob_match_n(const char *pattern, size_t pattern_len, const char *text)
{
    size_t p = 0, star = (size_t)-1;
    const char *t = text, *star_text = NULL;
    while (*t) {
        if (p < pattern_len && pattern[p] == '*') {
            star = p++;
            star_text = t;
        } else if (p < pattern_len && pattern[p] == *t) {
            p++;
            t++;
        } else if (star != (size_t)-1) {
            p = star + 1;
            t = ++star_text;
        } else {
            return false;
        }
    }
    while (p < pattern_len && pattern[p] == '*')
        p++;
    return p == pattern_len;
}

bool glob_match(const char *pattern, const char *text)
{
    return glob_match_n(pattern, strlen(pattern), text);
}

bool glob_list_next(const char **cursor, const char **item, size_t *len)
{
    const char *p = *cursor;
    for (;;) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        if (!*p) {
            *cursor = p;
            return false;
        }
        const char *start = p;
        while (*p && *p != ',')
            p++;
        const char *end = p;
        while (end > start && isspace((unsigned char)end[-1]))
            end--;
        if (end > start) {
            *cursor = p;
            *item = start;
            *len = (size_t)(end - start);
            return true;
        }
    }
}
