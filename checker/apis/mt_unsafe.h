/*
 * mt_unsafe.h: library functions that are not safe to call from several
 * threads at once (the table lives in mt_unsafe.c, with its sources).
 */
#ifndef LOCKCHECK_MT_UNSAFE_H
#define LOCKCHECK_MT_UNSAFE_H

struct mt_unsafe_function {
    const char *name;
    const char *replacement;  /* advice for the note: "use 'strtok_r'"; NULL when none */
    const char *source;       /* where it is documented as not thread-safe */
};

/* The table entry for a function name, or NULL when it is not in the table. */
const struct mt_unsafe_function *mt_unsafe_lookup(const char *name);

#endif
