/*
 * lockcheck.h: lock annotations for C code checked by lockcheck.
 *
 * Tie data to the lock that guards it, and say what functions expect of
 * locks, so that lockcheck can check every access and every call:
 *
 *     struct account {
 *         pthread_mutex_t mu;
 *         long balance LC_GUARDED_BY(mu);
 *     };
 *     void account_add(struct account *a, long n) LC_REQUIRES(a->mu);
 *     void account_lock(struct account *a) LC_ACQUIRES(a->mu);
 *
 * A lock is named as C code would name it from the annotated declaration: a
 * field of the same struct (`mu`), a global, a parameter or a member path of
 * one (`a->mu`), `*m` or `m` for a pointer parameter (a pointer to a lock and
 * the lock name the same lock).
 *
 * The macros expand to `__attribute__((annotate("lockcheck:...")))` only while
 * lockcheck parses the code (it defines __LOCKCHECK__); for gcc and clang
 * builds they expand to nothing. Place them as clang's thread-safety
 * attributes: after a field's or global's declarator, after a function's
 * declarator (declarations and definitions), after the `struct` keyword for
 * types. lockcheck also reads clang's own spellings (guarded_by,
 * requires_capability, ...), so code annotated for -Wthread-safety needs no
 * change.
 */
#ifndef LOCKCHECK_H
#define LOCKCHECK_H

#ifdef __LOCKCHECK__
#define LC_ANNOTATE_(text) __attribute__((annotate("lockcheck:" text)))
/* Data: reads need the lock (shared or exclusive), writes need it exclusive. */
#define LC_GUARDED_BY(lock) LC_ANNOTATE_("guarded_by(" #lock ")")
/* A pointer whose pointed-to data is guarded (the pointer itself is not). */
#define LC_PT_GUARDED_BY(lock) LC_ANNOTATE_("pt_guarded_by(" #lock ")")
/* Writes need the lock exclusive; reads need nothing. */
#define LC_WRITE_GUARDED_BY(lock) LC_ANNOTATE_("write_guarded_by(" #lock ")")
/* Functions: callers must hold the locks (exclusive / shared). */
#define LC_REQUIRES(...) LC_ANNOTATE_("requires(" #__VA_ARGS__ ")")
#define LC_REQUIRES_SHARED(...) LC_ANNOTATE_("requires_shared(" #__VA_ARGS__ ")")
/* Functions that return holding the locks (exclusive / shared). */
#define LC_ACQUIRES(...) LC_ANNOTATE_("acquires(" #__VA_ARGS__ ")")
#define LC_ACQUIRES_SHARED(...) LC_ANNOTATE_("acquires_shared(" #__VA_ARGS__ ")")
/* Functions that release locks their caller holds. */
#define LC_RELEASES(...) LC_ANNOTATE_("releases(" #__VA_ARGS__ ")")
/* Functions that acquire the locks exactly when they return success_value. */
#define LC_TRY_ACQUIRES(success_value, ...) \
    LC_ANNOTATE_("try_acquires(" #success_value ", " #__VA_ARGS__ ")")
/* Functions that must not be called while holding the locks. */
#define LC_EXCLUDES(...) LC_ANNOTATE_("excludes(" #__VA_ARGS__ ")")
/* Functions lockcheck does not report on. */
#define LC_NO_ANALYSIS LC_ANNOTATE_("no_analysis")
/* Types whose values must not be shared between threads. */
#define LC_NOT_THREAD_SAFE LC_ANNOTATE_("not_thread_safe")
/* On a lock (a field or a global): the order it is taken in relative to
 * other locks, checked by lock-order-inversion. */
#define LC_ACQUIRED_BEFORE(...) LC_ANNOTATE_("acquired_before(" #__VA_ARGS__ ")")
#define LC_ACQUIRED_AFTER(...) LC_ANNOTATE_("acquired_after(" #__VA_ARGS__ ")")
#else
#define LC_GUARDED_BY(lock)
#define LC_PT_GUARDED_BY(lock)
#define LC_WRITE_GUARDED_BY(lock)
#define LC_REQUIRES(...)
#define LC_REQUIRES_SHARED(...)
#define LC_ACQUIRES(...)
#define LC_ACQUIRES_SHARED(...)
#define LC_RELEASES(...)
#define LC_TRY_ACQUIRES(success_value, ...)
#define LC_EXCLUDES(...)
#define LC_NO_ANALYSIS
#define LC_NOT_THREAD_SAFE
#define LC_ACQUIRED_BEFORE(...)
#define LC_ACQUIRED_AFTER(...)
#endif

#endif
