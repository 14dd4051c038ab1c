/*
 * summary_io_round_trip.c: a unit test of the summary cache's text form
 * (checker/summary/summary_io.c), compiled here with the parser alone.
 * Summaries with every kind of effect, root and step (and awkward
 * strings) survive writing and reading unchanged; text that is not such a
 * document is rejected with a message, never half-read.
 *
 * RUN: clang-19 -std=gnu11 -Wall -Wextra -Werror -I%top/checker -I/usr/lib/llvm-19/include \
 * RUN:   %s %top/checker/summary/summary_io.c %top/checker/util/memory.c %top/checker/util/strings.c \
 * RUN:   %top/checker/report/finding.c -ljson-c -o %t
 * RUN: %t | FileCheck %s --match-full-lines
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary/summary_io.h"

static int failures;

#define EXPECT(cond)                                                    \
    do {                                                                \
        if (!(cond)) {                                                  \
            printf("FAILED: %s (line %d)\n", #cond, __LINE__);          \
            failures++;                                                 \
        }                                                               \
    } while (0)

static struct lock_step step(enum lock_step_kind kind, const char *name, const char *id)
{
    struct lock_step s = {kind, name ? strdup(name) : NULL, id ? strdup(id) : NULL};
    return s;
}

static struct lock_expr lock(enum lock_root_kind root, const char *id, const char *name,
                             struct lock_step *steps, size_t count)
{
    struct lock_expr e = {.root_kind = root, .root_id = strdup(id), .root_name = strdup(name),
                          .step_count = count};
    e.steps = calloc(count + 1, sizeof *e.steps);
    memcpy(e.steps, steps, count * sizeof *steps);
    return e;
}

static bool same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_lock(const struct lock_expr *a, const struct lock_expr *b)
{
    if (a->root_kind != b->root_kind || !same_string(a->root_id, b->root_id) ||
        !same_string(a->root_name, b->root_name) || a->step_count != b->step_count)
        return false;
    for (size_t i = 0; i < a->step_count; i++)
        if (a->steps[i].kind != b->steps[i].kind || !same_string(a->steps[i].name, b->steps[i].name) ||
            !same_string(a->steps[i].id, b->steps[i].id))
            return false;
    return true;
}

static bool same_summary(const struct summary *a, const struct summary *b)
{
    if (!same_string(a->usr, b->usr) || !same_string(a->name, b->name) || a->effect_count != b->effect_count)
        return false;
    for (unsigned i = 0; i < a->effect_count; i++) {
        const struct summary_effect *x = &a->effects[i], *y = &b->effects[i];
        if (x->op != y->op || x->mode != y->mode || x->success_value != y->success_value ||
            !same_string(x->kind, y->kind) || !same_lock(&x->lock, &y->lock))
            return false;
    }
    return true;
}

/* foo_lock(q): acquires q->mu; a try-lock of a global array element indexed
 * by a parameter; a shared acquire through &(*p); a release of a local and
 * of an opaque expression with awkward spellings. */
static void make_summaries(struct summary *s)
{
    struct lock_step param_steps[] = {step(LOCK_STEP_DEREF, NULL, NULL),
                                      step(LOCK_STEP_FIELD, "mu", "c:@S@foo@FI@mu")};
    struct lock_step global_steps[] = {step(LOCK_STEP_INDEX, "i", "$1")};
    struct lock_step shared_steps[] = {step(LOCK_STEP_ADDR, NULL, NULL), step(LOCK_STEP_DEREF, NULL, NULL),
                                       step(LOCK_STEP_FIELD, "rw", NULL)};
    struct lock_step opaque_steps[] = {step(LOCK_STEP_INDEX, "a[\"x\"]\\n", NULL)};

    s[0] = (struct summary){.usr = strdup("c:@F@foo_lock"), .name = strdup("foo_lock"), .effect_count = 1};
    s[0].effects = calloc(1, sizeof *s[0].effects);
    s[0].effects[0] = (struct summary_effect){lock(LOCK_ROOT_PARAM, "$0", "q", param_steps, 2),
                                              LOCK_OP_ACQUIRE, LOCK_MODE_EXCLUSIVE, 0, "mutex", -1, 0, 0};

    s[1] = (struct summary){.usr = strdup("c:@F@table_try"), .name = strdup("table_try"), .effect_count = 3};
    s[1].effects = calloc(3, sizeof *s[1].effects);
    s[1].effects[0] = (struct summary_effect){lock(LOCK_ROOT_GLOBAL, "global:table", "table", global_steps, 1),
                                              LOCK_OP_TRY_ACQUIRE, LOCK_MODE_EXCLUSIVE, -9223372036854775807LL - 1,
                                              "spinlock", -1, 0, 0};
    s[1].effects[1] = (struct summary_effect){lock(LOCK_ROOT_PARAM, "$2", "p", shared_steps, 3),
                                              LOCK_OP_ACQUIRE, LOCK_MODE_SHARED, 0, "rwlock", -1, 0, 0};
    s[1].effects[2] = (struct summary_effect){lock(LOCK_ROOT_OPAQUE, "?f() \"é\"", "f() \"é\"", opaque_steps, 1),
                                              LOCK_OP_RELEASE, LOCK_MODE_ANY, 0, "my kind", -1, 0, 0};

    s[2] = (struct summary){.usr = strdup("c:foo.c@F@local"), .name = strdup("local"), .effect_count = 1};
    s[2].effects = calloc(1, sizeof *s[2].effects);
    s[2].effects[0] = (struct summary_effect){lock(LOCK_ROOT_LOCAL, "c:foo.c@12@F@local@m", "m", NULL, 0),
                                              LOCK_OP_TRY_ACQUIRE, LOCK_MODE_SHARED, 1, "mutex", -1, 0, 0};
}

static void round_trip(void)
{
    struct summary s[3];
    make_summaries(s);
    const struct summary *list[3] = {&s[0], &s[1], &s[2]};
    char *text = summaries_to_text(list, 3);
    struct summary *parsed;
    size_t count;
    struct string_pool kinds = {0};
    char *error = NULL;
    EXPECT(summaries_from_text(text, &parsed, &count, &kinds, &error));
    EXPECT(error == NULL);
    EXPECT(count == 3);
    for (size_t i = 0; i < count && i < 3; i++)
        EXPECT(same_summary(&s[i], &parsed[i]));
    /* Kinds are interned: one "mutex" for two effects. */
    EXPECT(count == 3 && parsed[0].effects[0].kind == parsed[2].effects[0].kind);
    const struct summary *again[3] = {&parsed[0], &parsed[1], &parsed[2]};
    char *text2 = summaries_to_text(again, count);
    EXPECT(strcmp(text, text2) == 0);
    printf("round trip: %zu summaries\n", count);
    /* The first summary's text, as stored in the cache. */
    const struct summary *first[1] = {&s[0]};
    char *one = summaries_to_text(first, 1);
    printf("%s\n", one);
    free(one);
    free(text);
    free(text2);
    for (size_t i = 0; i < count; i++)
        summary_io_free_fields(&parsed[i]);
    free(parsed);
    char *empty = summaries_to_text(NULL, 0);
    EXPECT(summaries_from_text(empty, &parsed, &count, &kinds, &error) && count == 0);
    printf("empty: %s\n", empty);
    free(parsed);
    free(empty);
    string_pool_free(&kinds);
}

static void rejects(const char *text)
{
    struct summary *parsed = (struct summary *)1;
    size_t count = 7;
    struct string_pool kinds = {0};
    char *error = NULL;
    bool ok = summaries_from_text(text, &parsed, &count, &kinds, &error);
    EXPECT(!ok && parsed == NULL && count == 0 && error != NULL);
    printf("rejected: %s\n", error ? error : "(no message)");
    free(error);
    string_pool_free(&kinds);
}

#define HEAD "{\"format\":\"lockcheck-summaries\",\"version\":1,\"summaries\":"
#define LOCK "\"lock\":{\"root\":\"param\",\"id\":\"$0\",\"name\":\"q\",\"steps\":[]}"
#define SUMMARY(effect) "[{\"usr\":\"u\",\"name\":\"n\",\"effects\":[" effect "]}]}"

int main(void)
{
    round_trip();
    rejects("");
    rejects("{\"format\":\"lockcheck-summaries\",\"version\":1,\"summaries\":[]} trailing");
    rejects("[]");
    rejects("{\"format\":\"other\",\"version\":1,\"summaries\":[]}");
    rejects("{\"format\":\"lockcheck-summaries\",\"version\":2,\"summaries\":[]}");
    rejects(HEAD "{}}");
    rejects(HEAD "[{\"usr\":\"u\",\"effects\":[]}]}");
    rejects(HEAD SUMMARY("{\"op\":\"wait\",\"mode\":\"any\",\"success\":0,\"kind\":\"k\"," LOCK "}"));
    rejects(HEAD SUMMARY("{\"op\":\"acquire\",\"mode\":\"any\",\"success\":\"0\",\"kind\":\"k\"," LOCK "}"));
    rejects(HEAD SUMMARY("{\"op\":\"acquire\",\"mode\":\"any\",\"success\":0,\"kind\":\"k\","
                         "\"lock\":{\"root\":\"param\",\"id\":\"$0\",\"name\":\"q\",\"steps\":[{\"step\":\"up\"}]}}"));
    rejects(HEAD SUMMARY("{\"op\":\"acquire\",\"mode\":\"any\",\"success\":0,\"kind\":\"k\","
                         "\"lock\":{\"root\":\"param\",\"id\":\"$0\",\"name\":\"q\",\"steps\":[7]}}"));
    printf("failures: %d\n", failures);
    return failures != 0;
}

// CHECK: round trip: 3 summaries
// CHECK-NEXT: {"format":"lockcheck-summaries","version":1,"summaries":[{"usr":"c:@F@foo_lock","name":"foo_lock","effects":[{"op":"acquire","mode":"exclusive","success":0,"kind":"mutex","lock":{"root":"param","id":"$0","name":"q","steps":[{"step":"deref"},{"step":"field","name":"mu","id":"c:@S@foo@FI@mu"}]}}]}]}
// CHECK-NEXT: empty: {"format":"lockcheck-summaries","version":1,"summaries":[]}
// CHECK-NEXT: rejected: not valid JSON
// CHECK-NEXT: rejected: not valid JSON
// CHECK-NEXT: rejected: not a JSON object
// CHECK-NEXT: rejected: 'format' is not lockcheck-summaries
// CHECK-NEXT: rejected: summary format version 2, expected 1
// CHECK-NEXT: rejected: 'summaries' has the wrong type
// CHECK-NEXT: rejected: 'name' is missing
// CHECK-NEXT: rejected: 'op' has an unknown value 'wait'
// CHECK-NEXT: rejected: 'success' has the wrong type
// CHECK-NEXT: rejected: 'step' has an unknown value 'up'
// CHECK-NEXT: rejected: a step is not an object
// CHECK-NEXT: failures: 0
