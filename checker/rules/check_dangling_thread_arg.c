/*
 * check_dangling_thread_arg.c: dangling-thread-arg.
 *
 * The address of an automatic object (a local variable, a parameter, an
 * element or field of one, a compound literal) handed to a new thread, in a
 * function that can return while the thread still runs: the thread then
 * reads or writes a dead stack frame. Reported at the pthread_create /
 * thrd_create when, in the function's CFG, a return (or the closing brace)
 * can be reached from the creation without passing a join of the same thread
 * handle, or when a loop reuses a single handle for the next thread before
 * joining this one (so this one is never joined). A detached thread
 * (pthread_detach / thrd_detach of the handle, a detached attribute, or the
 * thread detaching itself) is always reported.
 *
 * Joining in a loop over an array of handles counts as joining every thread
 * of that array: the head of a loop whose body joins an element of the array
 * (and that does not itself create the thread) ends the search. A checked
 * creation's failure edge starts no thread, but when the creation is in a
 * loop, a later iteration's failure returns with the earlier threads running.
 */
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/object_key.h"
#include "ast/session.h"
#include "ast/threads.h"
#include "cfg/thread_paths.h"
#include "rules/rule.h"

static bool leaves_unjoined(void *ctx, unsigned node)
{
    const struct thread_paths *p = ctx;
    enum cfg_node_kind kind = p->cfg->nodes[node].kind;
    return kind == CFG_RETURN || kind == CFG_END_OF_BODY ||
           (p->single_handle && node == p->spawn_node);
}

static bool is_spawn_node(void *ctx, unsigned node)
{
    const struct thread_paths *p = ctx;
    return node == p->spawn_node;
}

/* A creation in a loop over an array of handles: a later iteration's
 * creation can fail and return before joining the threads already started
 * (the failure edge stops the search only for the thread that failed). */
static unsigned exit_after_later_creation(const struct cfg *cfg, struct thread_paths *p)
{
    struct cfg_search again = {.is_target = is_spawn_node, .blocks = thread_paths_joined,
                               .blocks_edge = thread_paths_failed, .ctx = p};
    if (cfg_search_forward(cfg, p->spawn_node, &again) == CFG_NO_NODE)
        return CFG_NO_NODE;
    struct cfg_search later = {.is_target = leaves_unjoined, .blocks = thread_paths_joined, .ctx = p};
    return cfg_search_forward(cfg, p->spawn_node, &later);
}

/* ---- detached threads ------------------------------------------------------ */

static bool names_constant(CXCursor e, const char *name)
{
    e = cursor_strip(e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
        return false;
    char *spelling = cursor_spelling(e);
    bool match = strcmp(spelling, name) == 0;
    free(spelling);
    return match;
}

static bool call_is(CXCursor call, const char *name)
{
    char *callee = call_callee_name(call);
    bool match = strcmp(callee, name) == 0;
    free(callee);
    return match;
}

/* A call in the creating function that detaches the thread: a detach of the
 * handle, or a detached state set on the attributes the creation uses. */
static CXCursor detach_in_creator(const struct thread_paths *p)
{
    char *attr_key = NULL;
    if (call_is(p->spawn->call, "pthread_create") && clang_Cursor_getNumArguments(p->spawn->call) > 1)
        attr_key = pointee_key(clang_Cursor_getArgument(p->spawn->call, 1));
    CXCursor found = clang_getNullCursor();
    for (unsigned i = 0; i < p->cfg->node_count && clang_Cursor_isNull(found); i++) {
        const struct cfg_node *n = &p->cfg->nodes[i];
        if (n->kind != CFG_CALL || clang_Cursor_getNumArguments(n->cursor) < 1)
            continue;
        char *key = NULL;
        if (is_thread_detach_call(n->cursor)) {
            key = object_key(clang_Cursor_getArgument(n->cursor, 0));
            if (key && p->handle_key && strcmp(key, p->handle_key) == 0)
                found = n->cursor;
        } else if (attr_key && call_is(n->cursor, "pthread_attr_setdetachstate") &&
                   clang_Cursor_getNumArguments(n->cursor) == 2 &&
                   names_constant(clang_Cursor_getArgument(n->cursor, 1), "PTHREAD_CREATE_DETACHED")) {
            key = pointee_key(clang_Cursor_getArgument(n->cursor, 0));
            if (key && strcmp(key, attr_key) == 0)
                found = n->cursor;
        }
        free(key);
    }
    free(attr_key);
    return found;
}

static enum CXChildVisitResult find_self_detach(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_CallExpr && is_thread_detach_call(c) &&
        clang_Cursor_getNumArguments(c) == 1) {
        CXCursor arg = cursor_strip(clang_Cursor_getArgument(c, 0));
        if (clang_getCursorKind(arg) == CXCursor_CallExpr &&
            (call_is(arg, "pthread_self") || call_is(arg, "thrd_current"))) {
            *(CXCursor *)data = c;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Recurse;
}

/* A thread entry that detaches itself (pthread_detach(pthread_self())). */
static CXCursor detach_in_thread(const struct thread_spawn *spawn)
{
    CXCursor found = clang_getNullCursor();
    for (size_t i = 0; i < spawn->entry_count && clang_Cursor_isNull(found); i++)
        clang_visitChildren(spawn->entries[i], find_self_detach, &found);
    return found;
}

/* ---- reporting ---------------------------------------------------------------- */

static char *describe_local(CXCursor object)
{
    if (clang_getCursorKind(object) == CXCursor_CompoundLiteralExpr)
        return str_printf("a compound literal");
    char *name = cursor_spelling(object);
    char *text = str_printf("local variable '%s'", name);
    free(name);
    return text;
}

static void note_local(struct session *session, struct finding *f, CXCursor object,
                       const char *function)
{
    if (clang_getCursorKind(object) == CXCursor_CompoundLiteralExpr)
        return;
    char *name = cursor_spelling(object);
    char *msg = str_printf("'%s' is declared here; its storage ends when '%s' returns", name, function);
    finding_add_note(f, cursor_pos(&session->unit, object), msg);
    free(msg);
    free(name);
}

static void report_detached(struct session *session, const struct thread_spawn *spawn,
                            CXCursor object, CXCursor detach, const char *function)
{
    char *local = describe_local(object);
    char *msg = str_printf("the address of %s is passed to a detached thread, which can outlive '%s'",
                           local, function);
    struct finding *f = report_at(session, &rule_dangling_thread_arg.description,
                                      cursor_pos(&session->unit, spawn->call), msg);
    finding_add_note(f, cursor_pos(&session->unit, detach), "the thread is detached here");
    note_local(session, f, object, function);
    free(msg);
    free(local);
}

static void report_unjoined(struct session *session, const struct thread_paths *p, CXCursor object,
                            unsigned exit_node, bool after_later_creation, const char *function)
{
    char *local = describe_local(object);
    char *msg = str_printf("the address of %s is passed to a new thread, and '%s' can return "
                           "before the thread is joined", local, function);
    struct finding *f = report_at(session, &rule_dangling_thread_arg.description,
                                      cursor_pos(&session->unit, p->spawn->call), msg);
    free(msg);
    free(local);
    const struct cfg_node *n = &p->cfg->nodes[exit_node];
    if (exit_node == p->spawn_node)
        msg = str_printf("the loop starts the next thread in the same handle before this one is "
                         "joined, so this one is never joined");
    else if (after_later_creation)
        msg = str_printf("'%s' %s here when a later creation in the loop fails, without joining "
                         "the threads already started", function,
                         n->kind == CFG_RETURN ? "returns" : "reaches its end");
    else
        msg = str_printf("'%s' %s here without joining the thread", function,
                         n->kind == CFG_RETURN ? "returns" : "reaches its end");
    finding_add_note(f, cfg_node_pos(&session->unit, p->cfg, exit_node), msg);
    free(msg);
    note_local(session, f, object, function);
}

static void check_spawn(struct session *session, const struct thread_spawn *spawn,
                        const struct cfg *cfg)
{
    CXCursor object;
    struct thread_paths p;
    if (!points_to_local(spawn->arg, &object) || !thread_paths_init(&p, cfg, spawn))
        return;
    char *function = cursor_spelling(spawn->function);
    CXCursor detach = detach_in_creator(&p);
    if (clang_Cursor_isNull(detach))
        detach = detach_in_thread(spawn);
    if (!clang_Cursor_isNull(detach)) {
        report_detached(session, spawn, object, detach, function);
    } else {
        struct cfg_search q = {.is_target = leaves_unjoined, .blocks = thread_paths_joined,
                               .blocks_edge = thread_paths_failed, .ctx = &p};
        unsigned exit_node = cfg_search_forward(cfg, p.spawn_node, &q);
        bool later = false;
        if (exit_node == CFG_NO_NODE && !p.single_handle) {
            exit_node = exit_after_later_creation(cfg, &p);
            later = exit_node != CFG_NO_NODE;
        }
        if (exit_node != CFG_NO_NODE)
            report_unjoined(session, &p, object, exit_node, later, function);
    }
    free(function);
    thread_paths_free(&p);
}

static void check_translation_unit(struct session *session, void *state)
{
    for_each_spawn_with_cfg(session, check_spawn);
}

const struct rule rule_dangling_thread_arg = {
    .description.id = "dangling-thread-arg",
    .description.short_description = "A new thread gets the address of a local that can die before it.",
    .description.full_description =
        "Passing the address of a local variable (or of part of one) to pthread_create is "
        "safe only if the function joins the thread before it returns: otherwise the thread "
        "keeps using a stack frame that no longer exists. lockcheck follows the creating "
        "function's control flow from the thread creation and reports it when a return can "
        "be reached without a pthread_join / thrd_join of the same handle, when a loop reuses "
        "one handle for the next thread before joining, and always when the thread is "
        "detached.",
    .check_translation_unit = check_translation_unit,
};
