/*
 * inferred_api.c: lock APIs inferred from pairs of names (see
 * inferred_api.h). A function's role and its counterpart's name come from
 * the first word pair its name contains; the counterpart must be declared in
 * the translation unit, be as opaque as the function itself, and take the
 * same pointer type first. The result is a summary whose effect is on `*$0`,
 * so callers apply it like any other summary.
 */
#include "dataflow/inferred_api.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/function_index.h"
#include "ast/session.h"
#include "config/config.h"
#include "dataflow/node_info.h"
#include "summary/summary.h"
#include "util/memory.h"
#include "util/strings.h"

struct word_pair {
    const char *acquire, *release;
    enum lock_mode mode;
};

/* Read and write locks first: "rdlock" also contains "lock". */
static const struct word_pair word_pairs[] = {
    {"rdlock", "unlock", LOCK_MODE_SHARED},   {"wrlock", "unlock", LOCK_MODE_EXCLUSIVE},
    {"RdLock", "Unlock", LOCK_MODE_SHARED},   {"WrLock", "Unlock", LOCK_MODE_EXCLUSIVE},
    {"RDLOCK", "UNLOCK", LOCK_MODE_SHARED},   {"WRLOCK", "UNLOCK", LOCK_MODE_EXCLUSIVE},
    {"lock", "unlock", LOCK_MODE_EXCLUSIVE},  {"Lock", "Unlock", LOCK_MODE_EXCLUSIVE},
    {"LOCK", "UNLOCK", LOCK_MODE_EXCLUSIVE},  {"acquire", "release", LOCK_MODE_EXCLUSIVE},
    {"Acquire", "Release", LOCK_MODE_EXCLUSIVE}, {"ACQUIRE", "RELEASE", LOCK_MODE_EXCLUSIVE},
    {"enter", "leave", LOCK_MODE_EXCLUSIVE},  {"Enter", "Leave", LOCK_MODE_EXCLUSIVE},
    {"ENTER", "LEAVE", LOCK_MODE_EXCLUSIVE},
};

/* Pairs whose names say lock but that lock memory or files, not a mutex. */
static const char *const not_lock_apis[] = {
    "mlock",      "munlock",     "mlock2",     "VirtualLock", "VirtualUnlock", "GlobalLock",
    "GlobalUnlock", "LocalLock", "LocalUnlock", "LockFile",   "UnlockFile",    "LockFileEx",
    "UnlockFileEx", NULL,
};

static bool is_known_non_lock(const char *name)
{
    return str_in_list(name, not_lock_apis);
}

static const char *const try_words[] = {"try_", "Try_", "TRY_", "try", "Try", "TRY", NULL};

/* name with [at, at + len) replaced by `with`; caller frees. */
static char *replaced(const char *name, size_t at, size_t len, const char *with)
{
    return str_printf("%.*s%s%s", (int)at, name, with, name + at + len);
}

/* The length of a `try` word just before name[at], or 0. */
static size_t try_before(const char *name, size_t at)
{
    for (const char *const *w = try_words; *w; w++) {
        size_t n = strlen(*w);
        if (at >= n && strncmp(name + at - n, *w, n) == 0)
            return n;
    }
    return 0;
}

/* "lock" inside "unlock" is not an acquiring word. */
static bool inside_release_word(const char *name, size_t at)
{
    return at >= 2 && tolower((unsigned char)name[at - 2]) == 'u' &&
           tolower((unsigned char)name[at - 1]) == 'n';
}

/* A FunctionDecl of the translation unit with this name, or a null cursor. */
static CXCursor function_named(struct session *session, const char *name)
{
    return function_index_lookup(session_functions(session), name);
}

/* Every return holds the lock, or every return has released it for the
 * caller: the body is a lock or unlock wrapper of that lock. */
static bool wraps_lock(const struct function_analysis *fa, unsigned lock)
{
    bool all_held = fa->exit_count > 0, all_released = fa->exit_count > 0;
    for (unsigned i = 0; i < fa->exit_count; i++) {
        uint8_t mask = fa->exits[i].locks[lock].mask;
        all_held &= LOCK_ONLY(mask, LOCK_HELD);
        all_released &= (mask & LOCK_RELEASED_ENTRY) && !(mask & LOCK_HELD);
    }
    return all_held || all_released;
}

bool wraps_hidden_lock(const struct function_analysis *fa)
{
    for (unsigned l = 0; l < fa->lock_count; l++)
        if (!lock_expr_visible_to_caller(&fa->locks[l].expr) &&
            !lock_expr_in_frame(&fa->locks[l].expr) && wraps_lock(fa, l))
            return true;
    return false;
}

/* No body here, or a body that wraps a lock its callers cannot name (it is
 * reached through a local, or lockcheck cannot break it down). */
static bool is_opaque(struct session *session, CXCursor function)
{
    CXCursor definition = clang_getCursorDefinition(function);
    if (clang_Cursor_isNull(definition))
        return true;
    const struct summary *s = summary_for(session, definition);
    return s && s->analysed && !s->effect_count && s->wraps_hidden_lock;
}

static char *first_parameter_type(CXCursor function)
{
    if (clang_Cursor_getNumArguments(function) < 1)
        return NULL;
    CXType t = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(function, 0)));
    if (t.kind != CXType_Pointer)
        return NULL;
    CXString s = clang_getTypeSpelling(t);
    char *spelling = xstrdup(clang_getCString(s));
    clang_disposeString(s);
    return spelling;
}

/* The counterpart is declared, as opaque, and takes the same pointer first. */
static bool counterpart_matches(struct session *session, CXCursor function, const char *other)
{
    CXCursor c = function_named(session, other);
    if (clang_Cursor_isNull(c) || !is_opaque(session, c))
        return false;
    char *a = first_parameter_type(function), *b = first_parameter_type(c);
    bool same = a && b && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

struct inference {
    enum lock_op op;
    enum lock_mode mode;
    char *counterpart;
};

/* The role the name gives the function, if a counterpart confirms it. */
static bool infer_role(struct session *session, CXCursor function, const char *name,
                       struct inference *out)
{
    for (size_t i = 0; i < sizeof word_pairs / sizeof word_pairs[0]; i++) {
        const struct word_pair *p = &word_pairs[i];
        const char *at = strstr(name, p->release);
        if (at) {
            /* The counterpart acquires, or only tries (foo_trylock / foo_unlock). */
            for (int w = -1; w < 0 || try_words[w]; w++) {
                char *word = str_printf("%s%s", w < 0 ? "" : try_words[w], p->acquire);
                char *other = replaced(name, (size_t)(at - name), strlen(p->release), word);
                free(word);
                if (counterpart_matches(session, function, other)) {
                    *out = (struct inference){LOCK_OP_RELEASE, LOCK_MODE_ANY, other};
                    return true;
                }
                free(other);
            }
            continue;
        }
        for (at = strstr(name, p->acquire); at; at = strstr(at + 1, p->acquire)) {
            size_t pos = (size_t)(at - name);
            if (inside_release_word(name, pos))
                continue;
            size_t try_len = try_before(name, pos);
            char *other = replaced(name, pos - try_len, try_len + strlen(p->acquire), p->release);
            if (counterpart_matches(session, function, other)) {
                *out = (struct inference){try_len ? LOCK_OP_TRY_ACQUIRE : LOCK_OP_ACQUIRE, p->mode,
                                          other};
                return true;
            }
            free(other);
        }
    }
    return false;
}

const struct summary *inferred_lock_api(struct session *session, CXCursor function)
{
    if (session->config && session->config->no_lock_api_inference)
        return NULL;
    if (!is_opaque(session, function))
        return NULL;
    char *usr = cursor_usr(function);
    char *key = str_printf("lockcheck-inferred:%s", usr);
    free(usr);
    struct summary *s = summary_table_get(session->summaries, key, true);
    free(key);
    if (s->name)
        return s->effect_count ? s : NULL;
    s->name = cursor_spelling(function);
    struct inference how;
    if (is_known_non_lock(s->name) || !infer_role(session, function, s->name, &how))
        return NULL;
    struct lock_expr lock = {0};
    lock.root_kind = LOCK_ROOT_PARAM;
    lock.root_id = xstrdup("$0");
    lock.root_name = cursor_spelling(clang_Cursor_getArgument(function, 0));
    lock_expr_push(&lock, LOCK_STEP_DEREF, NULL);
    /* pthread's convention, 0 when taken; a function returning bool cannot
     * follow it and means true. */
    enum CXTypeKind result = clang_getCanonicalType(clang_getCursorResultType(function)).kind;
    summary_add_effect(s, &lock, how.op, how.mode, result == CXType_Bool ? 1 : 0, "lock");
    lock_expr_free(&lock);
    s->inferred_pair = how.counterpart;
    return s;
}
