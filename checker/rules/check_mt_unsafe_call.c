/*
 * check_mt_unsafe_call.c: mt-unsafe-call.
 *
 * A call to a library function that POSIX or glibc documents as not safe to
 * call from several threads (apis/mt_unsafe.c: strtok, localtime, rand, ...)
 * in code that can run in a thread: a thread entry point or a function it
 * reaches by direct calls in the translation unit (ast/call_graph.h). The
 * finding has notes showing where the thread starts and the calls that lead
 * to the function, and one naming the reentrant replacement. The same call in
 * code that no thread reaches is not reported.
 */
#include <stdlib.h>

#include "apis/mt_unsafe.h"
#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/session.h"
#include "rules/rule.h"

static void report_call(struct session *session, const struct call_graph *graph, int function,
                        CXCursor call, const struct mt_unsafe_function *unsafe)
{
    char *caller = cursor_spelling(graph->functions[function].definition);
    char *msg = str_printf("'%s' is not thread-safe (%s) and '%s' runs in a thread", unsafe->name,
                           unsafe->source, caller);
    struct finding *f = report_at(session, &rule_mt_unsafe_call.description,
                                  cursor_pos(&session->unit, call), msg);
    free(msg);
    free(caller);
    call_graph_note_thread_path(session, graph, f, function);
    if (unsafe->replacement)
        finding_add_note(f, cursor_pos(&session->unit, call), unsafe->replacement);
}

static void check_function(struct session *session, const struct call_graph *graph, int function)
{
    const struct cg_function *fn = &graph->functions[function];
    for (size_t c = 0; c < fn->call_count; c++) {
        if (fn->calls[c].callee >= 0)
            continue; /* defined in this file: not the library's */
        char *name = call_callee_name(fn->calls[c].call);
        const struct mt_unsafe_function *unsafe = mt_unsafe_lookup(name);
        free(name);
        if (unsafe)
            report_call(session, graph, function, fn->calls[c].call, unsafe);
    }
}

static void check_translation_unit(struct session *session, void *state)
{
    if (session->thread_entry_count == 0)
        return;
    const struct call_graph *graph = session_call_graph(session);
    for (size_t i = 0; i < graph->count; i++)
        if (graph->functions[i].in_thread && session_reports_in(session, graph->functions[i].definition))
            check_function(session, graph, (int)i);
}

const struct rule rule_mt_unsafe_call = {
    .description.id = "mt-unsafe-call",
    .description.short_description = "A library function that is not thread-safe is called from a thread.",
    .description.full_description =
        "Some C library functions keep their state in static storage (strtok's position, "
        "localtime's struct tm, rand's seed, the environment): two threads calling them at "
        "once corrupt each other's results. POSIX lists them in XSH 2.9.1 and glibc marks them "
        "MT-Unsafe. lockcheck reports such calls in code that runs in a thread (a thread entry "
        "point and the functions it calls in the same file), shows how the thread gets there, "
        "and names the reentrant replacement (strtok_r, localtime_r, ...).",
    .check_translation_unit = check_translation_unit,
};
