/*
 * recursive_mutex.c: finding recursive mutexes (see recursive_mutex.h).
 *
 * Computed on first use (a double lock about to be reported), by one walk
 * of the main file's declarations and function bodies: static initialisers
 * that name a recursive initialiser, pthread_mutexattr_settype(&attr, ...
 * RECURSIVE ...) and the pthread_mutex_init(&m, &attr) calls that use such
 * an attribute. Locks are compared by class (lock_expr_class), so a field
 * initialised recursive in one function is recursive in every object. A
 * main file whose text never spells RECURSIVE is not walked: both ways
 * need the word in its tokens.
 */
#define _GNU_SOURCE /* memmem */
#include "ast/recursive_mutex.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/lock_expr.h"
#include "ast/session.h"
#include "util/memory.h"

struct string_set {
    char **items;
    size_t count, capacity;
};

struct recursive_mutexes {
    struct string_set classes;    /* lock classes known recursive */
    struct string_set attributes; /* keys of attributes set recursive */
    struct cursor_list inits;     /* pthread_mutex_init calls, for the second pass */
    CXCursor function;            /* the function being walked */
    CXCursor *init_functions;     /* ... and the function of each init call */
    size_t init_function_capacity;
};

static bool set_has(const struct string_set *set, const char *s)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i], s) == 0)
            return true;
    return false;
}

static void set_add(struct string_set *set, char *s)
{
    if (!s || set_has(set, s)) {
        free(s);
        return;
    }
    ARRAY_RESERVE(set->items, set->capacity, set->count + 1);
    set->items[set->count++] = s;
}

static void set_free(struct string_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i]);
    free(set->items);
}

/* Whether the source of an expression spells RECURSIVE (the glibc
 * constants and initialisers all do). */
static bool mentions_recursive(CXCursor e)
{
    CXTranslationUnit unit = clang_Cursor_getTranslationUnit(e);
    CXToken *tokens = NULL;
    unsigned count = 0;
    clang_tokenize(unit, clang_getCursorExtent(e), &tokens, &count);
    bool found = false;
    for (unsigned i = 0; i < count && !found; i++) {
        CXString s = clang_getTokenSpelling(unit, tokens[i]);
        found = strstr(clang_getCString(s), "RECURSIVE") != NULL;
        clang_disposeString(s);
    }
    clang_disposeTokens(unit, tokens, count);
    return found;
}

static char *pointee_key(CXCursor function, CXCursor pointer, bool class_only)
{
    struct lock_expr_ctx ctx = {.function = function};
    struct lock_expr e;
    if (!lock_expr_from_pointer(&ctx, pointer, &e))
        return NULL;
    char *key = class_only ? lock_expr_class(&e) : lock_expr_key(&e);
    lock_expr_free(&e);
    return key;
}

static enum CXChildVisitResult visit_body(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct recursive_mutexes *r = data;
    if (clang_getCursorKind(c) != CXCursor_CallExpr)
        return CXChildVisit_Recurse;
    char *name = call_callee_name(c);
    if (strcmp(name, "pthread_mutexattr_settype") == 0 && clang_Cursor_getNumArguments(c) == 2 &&
        mentions_recursive(clang_Cursor_getArgument(c, 1))) {
        set_add(&r->attributes, pointee_key(r->function, clang_Cursor_getArgument(c, 0), false));
    } else if (strcmp(name, "pthread_mutex_init") == 0 && clang_Cursor_getNumArguments(c) == 2) {
        ARRAY_RESERVE(r->inits.items, r->inits.capacity, r->inits.count + 1);
        ARRAY_RESERVE(r->init_functions, r->init_function_capacity, r->inits.count + 1);
        r->init_functions[r->inits.count] = r->function;
        r->inits.items[r->inits.count++] = c;
    }
    free(name);
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct session *session = data;
    struct recursive_mutexes *r = session->recursive;
    if (!cursor_in_main_file(&session->unit, c))
        return CXChildVisit_Continue;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        r->function = c;
        clang_visitChildren(c, visit_body, r);
    } else if (kind == CXCursor_VarDecl && mentions_recursive(c)) {
        struct lock_expr_ctx ctx = {.function = clang_getNullCursor()};
        struct lock_expr e;
        if (lock_expr_from_decl(&ctx, c, &e)) {
            set_add(&r->classes, lock_expr_class(&e));
            lock_expr_free(&e);
        }
    }
    return CXChildVisit_Continue;
}

/* Whether the main file's text spells RECURSIVE anywhere: what both ways
 * of making a recursive mutex need (mentions_recursive reads the main
 * file's tokens), so most files are not walked at all. */
static bool main_file_mentions_recursive(const struct unit *unit)
{
    size_t size = 0;
    const char *text = unit->main_file ? clang_getFileContents(unit->cx, unit->main_file, &size) : NULL;
    return !text || memmem(text, size, "RECURSIVE", strlen("RECURSIVE")) != NULL;
}

static void find_recursive(struct session *session)
{
    struct recursive_mutexes *r = xcalloc(1, sizeof *r);
    session->recursive = r;
    if (!main_file_mentions_recursive(&session->unit))
        return;
    clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), visit_top, session);
    for (size_t i = 0; i < r->inits.count; i++) {
        CXCursor call = r->inits.items[i];
        char *attr = pointee_key(r->init_functions[i], clang_Cursor_getArgument(call, 1), false);
        if (attr && set_has(&r->attributes, attr))
            set_add(&r->classes, pointee_key(r->init_functions[i], clang_Cursor_getArgument(call, 0), true));
        free(attr);
    }
}

bool lock_is_recursive(struct session *session, const struct lock_expr *lock)
{
    if (!session->recursive)
        find_recursive(session);
    char *cls = lock_expr_class(lock);
    bool recursive = cls && set_has(&session->recursive->classes, cls);
    free(cls);
    return recursive;
}

void recursive_mutexes_free(struct session *session)
{
    struct recursive_mutexes *r = session->recursive;
    if (!r)
        return;
    set_free(&r->classes);
    set_free(&r->attributes);
    cursor_list_free(&r->inits);
    free(r->init_functions);
    free(r);
    session->recursive = NULL;
}
