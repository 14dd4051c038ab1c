/*
 * hash.h: the one non-cryptographic hash of lockcheck, 64-bit FNV-1a, for
 * hash tables (summaries by USR, tracked conditions by key), the caches'
 * keys and contents, and findings' fingerprints. Stable: fingerprints and
 * cache keys stored on disk depend on its values.
 */
#ifndef LOCKCHECK_HASH_H
#define LOCKCHECK_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's offset basis: where every hash starts. */
#define HASH_SEED 14695981039346656037ull

/* FNV-1a over `n` bytes, continuing from `h` (start with HASH_SEED). */
uint64_t hash_bytes(uint64_t h, const void *data, size_t n);
/* hash_bytes over a string and its NUL, so that consecutive strings keep
 * their boundaries ("ab","c" differs from "a","bc"); NULL hashes as "". */
uint64_t hash_string(uint64_t h, const char *s);

#endif
