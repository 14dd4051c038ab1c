/*
 * hash.c: 64-bit FNV-1a (see hash.h).
 */
#include "util/hash.h"

#include <string.h>

#define FNV_PRIME 1099511628211ull

uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

uint64_t hash_string(uint64_t h, const char *s)
{
    return hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}
