/*
 * check_guarded_access.c: guarded-access.
 *
 * Data annotated as guarded by a lock (LC_GUARDED_BY / guarded_by, and the
 * pointed-to data of LC_PT_GUARDED_BY / pt_guarded_by pointers) is read or
 * written where the lock is not held on every path: a read needs the lock
 * held shared or exclusive, a write needs it exclusive; LC_WRITE_GUARDED_BY
 * data needs it only for writes. The lock is the one of the object accessed:
 * `to->balance` needs `to->mu`, whatever `from->mu` is. clang's guarded_var
 * and pt_guarded_var need some lock held.
 */
#include <stdlib.h>

#include "annotations/annotations.h"
#include "dataflow/annotation_facts.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

/* guarded_var: some lock held (exclusively, for a write) on every path. */
static bool any_lock_held(const struct function_analysis *fa, const struct lock_state *s, bool write)
{
    uint8_t enough = write ? LOCK_HELD_NOW_EXCLUSIVE : LOCK_HELD_NOW;
    for (unsigned i = 0; i < fa->lock_count; i++)
        if (LOCK_ONLY(s->locks[i].mask, enough))
            return true;
    return false;
}

/* What the lock's state lacks for this access, or NULL when it is enough. */
static const char *missing(const struct annotated_access *a, uint8_t mask)
{
    if (a->write)
        return LOCK_ONLY(mask, LOCK_HELD_NOW_EXCLUSIVE) ? NULL : " exclusively";
    if (a->kind == ANN_WRITE_GUARDED_BY)
        return NULL;
    return LOCK_ONLY(mask, LOCK_HELD_NOW) ? NULL : "";
}

static void report(struct function_analysis *fa, const struct lock_event *ev,
                   const struct annotated_access *a)
{
    const char *verb = a->write ? "writing" : "reading";
    char *what = a->deref ? str_printf("the value pointed to by '%s'", a->what)
                          : str_printf("'%s'", a->what);
    bool any = a->kind == ANN_GUARDED_VAR || a->kind == ANN_PT_GUARDED_VAR;
    if (any) {
        if (any_lock_held(fa, ev->state, a->write))
            goto done;
        char *msg = str_printf("%s %s requires holding a lock", verb, what);
        fa_report(fa, &rule_guarded_access.description, ev->node, msg);
        free(msg);
        goto done;
    }
    const struct lock_fact *fact = &ev->state->locks[a->lock];
    const char *lacking = missing(a, fact->mask);
    if (!lacking)
        goto done;
    const char *lock = fa->locks[a->lock].display;
    char *msg = str_printf("%s %s requires holding '%s'%s", verb, what, lock, lacking);
    struct finding *f = fa_report(fa, &rule_guarded_access.description, ev->node, msg);
    free(msg);
    if (f && (fact->mask & LOCK_ANY_RELEASED)) {
        fa_note_released(fa, f, a->lock, fact);
    } else if (f && (fact->mask & LOCK_HELD_SHARED_ANY) && fact->acquired_at != NO_NODE_ID) {
        msg = str_printf("'%s' acquired shared here", lock);
        fa_note(fa, f, fact->acquired_at, msg);
        free(msg);
    }
done:
    free(what);
}

static void on_lock_event(struct function_analysis *fa, const struct lock_event *ev, void *state)
{
    if (ev->kind != LOCK_EVENT_ACCESS)
        return;
    size_t count;
    const struct annotated_access *a = annotation_accesses_at(fa, ev->node, &count);
    for (size_t i = 0; i < count; i++)
        report(fa, ev, &a[i]);
}

const struct rule rule_guarded_access = {
    .description.id = "guarded-access",
    .description.short_description = "Data guarded by a lock is read or written without holding that lock.",
    .description.full_description =
        "A field or global annotated LC_GUARDED_BY(lock) (or clang's guarded_by) may only be "
        "read while the lock is held, shared or exclusive, and written while it is held "
        "exclusively; LC_PT_GUARDED_BY applies the same to the data a pointer points to, and "
        "LC_WRITE_GUARDED_BY only to writes. The lock is the one of the object accessed: "
        "writing to->balance needs to->mu. lockcheck reports an access where the lock is not "
        "held on some path reaching it. Unevaluated operands (sizeof) and taking an address "
        "are not accesses.",
    .on_lock_event = on_lock_event,
};
