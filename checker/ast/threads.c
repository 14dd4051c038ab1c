/*
 * threads.c: finding where threads start (see threads.h).
 *
 * One walk collects the thread creations and every assignment of a function
 * to a variable (initialisers and `v = f`); the start routines that are
 * variables are then resolved against those assignments.
 */
#include "ast/threads.h"

#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/session.h"
#include "config/config.h"
#include "util/memory.h"

struct function_assignment {
    CXCursor var;
    CXCursor function;
};

struct walk {
    struct session *session;
    CXCursor function;               /* the definition being walked */
    CXCursor *routines;              /* per spawn: the start routine argument */
    size_t routine_capacity;
    struct function_assignment *assignments;
    size_t assignment_count, assignment_capacity;
};

static bool callee_is(CXCursor call, const char *a, const char *b)
{
    if (clang_getCursorKind(call) != CXCursor_CallExpr)
        return false;
    char *name = call_callee_name(call);
    bool match = strcmp(name, a) == 0 || strcmp(name, b) == 0;
    free(name);
    return match;
}

bool is_thread_create_call(CXCursor call)
{
    return callee_is(call, "pthread_create", "thrd_create");
}

bool is_thread_join_call(CXCursor call)
{
    return callee_is(call, "pthread_join", "thrd_join");
}

bool is_thread_detach_call(CXCursor call)
{
    return callee_is(call, "pthread_detach", "thrd_detach");
}

bool variable_is_thread_local(CXCursor var)
{
    return clang_getCursorKind(var) == CXCursor_VarDecl &&
           clang_getCursorTLSKind(clang_getCanonicalCursor(var)) != CXTLS_None;
}

/* The function an expression names (`f`, `&f`, through casts): its
 * definition when there is one, or a null cursor. */
static CXCursor function_named_by(CXCursor e)
{
    CXCursor decl = cursor_function_designator(e);
    if (clang_Cursor_isNull(decl))
        return decl;
    CXCursor def = clang_getCursorDefinition(decl);
    return clang_Cursor_isNull(def) ? decl : def;
}

/* The variable an expression names directly, or a null cursor. */
static CXCursor variable_named_by(CXCursor e)
{
    e = cursor_strip(e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return clang_getNullCursor();
    CXCursor decl = clang_getCursorReferenced(e);
    enum CXCursorKind kind = clang_getCursorKind(decl);
    return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl ? decl
                                                                    : clang_getNullCursor();
}

static void add_assignment(struct walk *w, CXCursor var, CXCursor value)
{
    CXCursor function = function_named_by(value);
    if (clang_Cursor_isNull(var) || clang_Cursor_isNull(function))
        return;
    ARRAY_RESERVE(w->assignments, w->assignment_capacity, w->assignment_count + 1);
    w->assignments[w->assignment_count].var = clang_getCanonicalCursor(var);
    w->assignments[w->assignment_count].function = function;
    w->assignment_count++;
}

static void note_var_initialiser(struct walk *w, CXCursor var)
{
    struct cursor_list kids = {0};
    cursor_children(var, &kids);
    for (size_t i = 0; i < kids.count; i++)
        if (clang_isExpression(clang_getCursorKind(kids.items[i])))
            add_assignment(w, var, kids.items[i]);
    cursor_list_free(&kids);
}

static void note_assignment(struct walk *w, CXCursor op)
{
    if (cursor_binary_op(op) != CXBinaryOperator_Assign)
        return;
    struct cursor_list kids = {0};
    cursor_children(op, &kids);
    if (kids.count == 2)
        add_assignment(w, variable_named_by(kids.items[0]), kids.items[1]);
    cursor_list_free(&kids);
}

static CXCursor call_argument(CXCursor call, unsigned i)
{
    return (unsigned)clang_Cursor_getNumArguments(call) > i ? clang_Cursor_getArgument(call, i)
                                                             : clang_getNullCursor();
}

/* Where a thread-creation call has its start routine and the routine's
 * argument: pthread_create and thrd_create, or a function the configuration
 * file names (`thread-create-functions:`). False when it creates no thread. */
static bool thread_create_positions(const struct session *session, CXCursor call, int *routine,
                                    int *argument)
{
    if (clang_getCursorKind(call) != CXCursor_CallExpr)
        return false;
    char *name = call_callee_name(call);
    const struct thread_create_function *configured =
        config_thread_create_function(session->config, name);
    bool found = true;
    if (configured) {
        *routine = configured->start_routine_arg;
        *argument = configured->argument_arg;
    } else if (strcmp(name, "pthread_create") == 0) {
        *routine = 2;
        *argument = 3;
    } else if (strcmp(name, "thrd_create") == 0) {
        *routine = 1;
        *argument = 2;
    } else {
        found = false;
    }
    free(name);
    return found;
}

static void note_spawn(struct walk *w, CXCursor call, int routine, int argument)
{
    struct thread_spawn_list *list = w->session->spawns;
    ARRAY_RESERVE(list->items, list->capacity, list->count + 1);
    ARRAY_RESERVE(w->routines, w->routine_capacity, list->count + 1);
    struct thread_spawn *s = &list->items[list->count];
    memset(s, 0, sizeof *s);
    s->call = call;
    s->function = w->function;
    s->handle = call_argument(call, 0);
    s->arg = argument >= 0 ? call_argument(call, (unsigned)argument) : clang_getNullCursor();
    w->routines[list->count] = call_argument(call, (unsigned)routine);
    list->count++;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct walk *w = data;
    switch (clang_getCursorKind(c)) {
    case CXCursor_CallExpr: {
        int routine, argument;
        if (thread_create_positions(w->session, c, &routine, &argument))
            note_spawn(w, c, routine, argument);
        break;
    }
    case CXCursor_VarDecl:
        note_var_initialiser(w, c);
        break;
    case CXCursor_BinaryOperator:
        note_assignment(w, c);
        break;
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct walk *w = data;
    if (!cursor_in_main_file(&w->session->unit, c))
        return CXChildVisit_Continue;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        w->function = c;
        clang_visitChildren(c, visit, w);
    } else if (kind == CXCursor_VarDecl) {
        note_var_initialiser(w, c);
    }
    return CXChildVisit_Continue;
}

static bool same_declaration(CXCursor a, CXCursor b)
{
    return clang_equalCursors(clang_getCanonicalCursor(a), clang_getCanonicalCursor(b));
}

static void add_entry(struct session *session, struct thread_spawn *s, CXCursor function)
{
    for (size_t i = 0; i < s->entry_count; i++)
        if (same_declaration(s->entries[i], function))
            return;
    s->entries = xrealloc(s->entries, (s->entry_count + 1) * sizeof *s->entries);
    s->entries[s->entry_count++] = function;
    session_add_thread_entry(session, function);
}

static void resolve_routine(struct walk *w, struct thread_spawn *s, CXCursor routine)
{
    CXCursor function = function_named_by(routine);
    if (!clang_Cursor_isNull(function)) {
        add_entry(w->session, s, function);
        return;
    }
    CXCursor var = variable_named_by(routine);
    if (clang_Cursor_isNull(var))
        return;
    var = clang_getCanonicalCursor(var);
    for (size_t i = 0; i < w->assignment_count; i++)
        if (clang_equalCursors(w->assignments[i].var, var))
            add_entry(w->session, s, w->assignments[i].function);
}

void collect_thread_entries(struct session *session)
{
    struct walk w = {.session = session};
    clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), visit_top, &w);
    for (size_t i = 0; i < session->spawns->count; i++)
        resolve_routine(&w, &session->spawns->items[i], w.routines[i]);
    free(w.routines);
    free(w.assignments);
}

void thread_spawn_list_free(struct thread_spawn_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].entries);
    free(list->items);
    memset(list, 0, sizeof *list);
}

const struct thread_spawn *thread_spawn_of_entry(const struct thread_spawn_list *list,
                                                 CXCursor entry)
{
    for (size_t i = 0; i < list->count; i++)
        for (size_t e = 0; e < list->items[i].entry_count; e++)
            if (same_declaration(list->items[i].entries[e], entry))
                return &list->items[i];
    return NULL;
}
