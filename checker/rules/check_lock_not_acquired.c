/*
 * check_lock_not_acquired.c: lock-not-acquired.
 *
 * A function annotated as acquiring a lock (LC_ACQUIRES, clang's
 * acquire_capability / exclusive_lock_function...) that can return without
 * holding it: its callers, trusting the annotation, would touch guarded data
 * unprotected and later release a lock they do not hold. A try-acquire
 * function (LC_TRY_ACQUIRES(v, lock)) is checked at the returns of v.
 */
#include <stdlib.h>

#include "annotations/annotations.h"
#include "dataflow/function_analysis.h"
#include "rules/rule.h"

static bool held_as_annotated(const struct own_annotation *own, uint8_t mask)
{
    bool shared = own->kind == ANN_ACQUIRES_SHARED || own->kind == ANN_TRY_ACQUIRES_SHARED;
    return LOCK_ONLY(mask, shared ? LOCK_HELD_SHARED_ANY : LOCK_HELD_EXCLUSIVE_ANY);
}

static void check_exits(struct function_analysis *fa, const struct own_annotation *own)
{
    bool try = own->kind == ANN_TRY_ACQUIRES || own->kind == ANN_TRY_ACQUIRES_SHARED;
    const char *lock = fa->locks[own->lock].display;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        const struct exit_state *x = &fa->exits[i];
        const struct lock_fact *fact = &x->locks[own->lock];
        if (try && (!x->has_value || x->value != own->success_value))
            continue;
        if (held_as_annotated(own, fact->mask))
            continue;
        char *msg = try ? str_printf("'%s' returns %lld without holding '%s', but it is annotated "
                                     "as acquiring it when it returns %lld",
                                     fa->name, x->value, lock, own->success_value)
                        : str_printf("'%s' can return without holding '%s', but it is annotated "
                                     "as acquiring it",
                                     fa->name, lock);
        struct finding *f = fa_report(fa, &rule_lock_not_acquired.description, x->node, msg);
        free(msg);
        fa_note_released(fa, f, own->lock, fact);
    }
}

static void on_function_end(struct function_analysis *fa, void *state)
{
    const struct annotation_facts *facts = fa->annotations;
    for (size_t i = 0; facts && i < facts->own_count; i++) {
        enum annotation_kind k = facts->own[i].kind;
        if (k == ANN_ACQUIRES || k == ANN_ACQUIRES_SHARED || k == ANN_TRY_ACQUIRES ||
            k == ANN_TRY_ACQUIRES_SHARED)
            check_exits(fa, &facts->own[i]);
    }
}

const struct rule rule_lock_not_acquired = {
    .description.id = "lock-not-acquired",
    .description.short_description = "A function annotated as acquiring a lock can return without it.",
    .description.full_description =
        "A function annotated LC_ACQUIRES(lock) (clang: acquire_capability) promises its "
        "callers that it returns holding the lock; callers are checked on that promise. "
        "lockcheck checks the function's own body and reports each return where the lock "
        "is not held on some path (for LC_TRY_ACQUIRES, each return of the success value).",
    .on_function_end = on_function_end,
};
