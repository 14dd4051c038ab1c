/*
 * check_tu.c: the analyses of one translation unit in its session, in
 * order: the selected rules start (their per-file state, the session's
 * observers) -> thread entry points -> each function defined in the main
 * file (lock dataflow observed by the rules; callees' summaries on demand),
 * except those whose compile errors make the analysis meaningless
 * (ast/invalid_code.h: said once on standard error) -> translation-unit
 * rules (their findings inside a skipped function are dropped) -> the
 * rules end.
 *
 * check_translation_unit_contained() runs all of it under libclang's crash
 * recovery, so a crash in one file's analysis is that file's error; work
 * on the finished session (--cross-tu's export of its summaries) can run
 * under the same recovery.
 */
#include "driver/check_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/invalid_code.h"
#include "ast/session.h"
#include "ast/threads.h"
#include "dataflow/function_analysis.h"
#include "driver/crash_guard.h"
#include "rules/rule.h"
#include "summary/summary.h"
#include "util/memory.h"
#include "util/strings.h"

/* Functions not analysed, as lines of a file (findings there are dropped). */
struct skipped_span {
    const char *file;   /* unit_file_name: lives as long as the session */
    unsigned first, last;
};

struct tu_walk {
    struct session *session;
    bool dump_cfg;
    struct skipped_span *skipped;
    size_t skipped_count, skipped_capacity;
};

static void skip_function(struct tu_walk *walk, CXCursor function, const char *reason)
{
    struct session *session = walk->session;
    struct source_pos pos = cursor_pos(&session->unit, function);
    char *name = cursor_spelling(function);
    session_remark(session,
                   str_printf("%s:%u: '%s' not analysed: %s", pos.file, pos.line, name, reason));
    free(name);
    CXSourceRange extent = clang_getCursorExtent(function);
    unsigned last;
    clang_getExpansionLocation(clang_getRangeEnd(extent), NULL, &last, NULL, NULL);
    ARRAY_RESERVE(walk->skipped, walk->skipped_capacity, walk->skipped_count + 1);
    walk->skipped[walk->skipped_count++] = (struct skipped_span){pos.file, pos.line, last};
}

/* --dump-cfg: the function's CFG, as the analysis built it. */
static void dump_cfg(struct session *session, CXCursor function)
{
    char *name = cursor_spelling(function);
    printf("function %s:\n", name);
    free(name);
    struct cfg cfg;
    function_cfg(session, function, &cfg);
    cfg_dump(&cfg, stdout);
    cfg_free(&cfg);
}

static enum CXChildVisitResult visit_function(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_walk *walk = data;
    struct session *session = walk->session;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        !session_reports_in(session, c))
        return CXChildVisit_Continue;
    const struct summary *s = analyze_function(session, c);
    if (s && s->not_analysed) {
        skip_function(walk, c, s->not_analysed);
        return CXChildVisit_Continue;
    }
    if (s && walk->dump_cfg)
        dump_cfg(session, c);
    return CXChildVisit_Continue;
}

static bool outside_skipped(const struct finding *f, void *data)
{
    const struct tu_walk *walk = data;
    for (size_t i = 0; i < walk->skipped_count; i++) {
        const struct skipped_span *s = &walk->skipped[i];
        if (strcmp(f->pos.file, s->file) == 0 && f->pos.line >= s->first && f->pos.line <= s->last)
            return false;
    }
    return true;
}

/* --suggest-annotations runs data-race's analysis even when the rule is off:
 * its state observes every function as when it runs (report_at reports
 * nothing for a rule that is off, so only the suggestions come out). NULL
 * when the rule runs anyway, or nothing is to be suggested. */
static void *begin_suggestions_only(struct rule_run *run, const struct rule_selection *rules,
                                    struct session *session)
{
    if (!session->suggest_annotations || rule_selected(rules, &rule_data_race))
        return NULL;
    void *state = rule_data_race.begin_file(session);
    /* The rule is not selected, so its slot past the selected ones is free. */
    run->observers[run->count] = (struct analysis_observer){
        .on_function_end = rule_data_race.on_function_end, .state = state,
        .every_function = rule_data_race.observes_every_function};
    session->observer_count = run->count + 1;
    return state;
}

void check_translation_unit(struct session *session, const struct rule_selection *rules,
                            bool dump_cfg)
{
    struct rule_run run;
    rules_begin_file(&run, rules, session);
    void *suggestions = begin_suggestions_only(&run, rules, session);
    struct tu_walk walk = {.session = session, .dump_cfg = dump_cfg};
    collect_thread_entries(session);
    clang_visitChildren(clang_getTranslationUnitCursor(session->unit.cx), visit_function, &walk);
    rules_check_translation_unit(&run, session);
    if (suggestions)
        rule_data_race.check_translation_unit(session, suggestions);
    if (walk.skipped_count)
        finding_list_filter(session->findings, outside_skipped, &walk);
    free(walk.skipped);
    rules_end_file(&run, session);
    if (suggestions)
        rule_data_race.end_file(suggestions);
}

/* ---- compile errors ------------------------------------------------------------------ */

size_t report_compile_errors(struct session *session, bool *missing_header)
{
    *missing_header = false;
    const struct compile_errors *errors = &session->unit.errors;
    for (size_t i = 0; i < errors->count; i++) {
        const struct compile_error *e = &errors->items[i];
        *missing_header |= str_ends_with(e->message, "file not found");
        if (i >= COMPILE_ERRORS_SHOWN)
            continue;
        /* An error without a location (a bad argument) is the file's. */
        struct source_pos pos = {(char *)session->unit.main_name, 1, 1};
        if (e->file)
            pos = (struct source_pos){(char *)unit_file_name(&session->unit, e->file), e->line,
                                      e->column};
        finding_add_compile_error(session->findings, pos, e->message);
    }
    if (errors->count > COMPILE_ERRORS_SHOWN)
        session_remark(session, str_printf("%s: %zu more compile errors not shown (the first %d are)",
                                 session->unit.main_name, errors->count - COMPILE_ERRORS_SHOWN,
                                 COMPILE_ERRORS_SHOWN));
    return errors->count;
}

/* ---- under crash recovery ---------------------------------------------------------- */

/* What crash_guard_run runs: the whole analysis of one unit, then the
 * caller's work on the finished session. */
struct contained_run {
    struct session *session;
    const struct rule_selection *rules;
    bool dump_cfg;
    const struct after_check *after;
};

static void check_translation_unit_work(void *data)
{
    struct contained_run *run = data;
    check_translation_unit(run->session, run->rules, run->dump_cfg);
    if (run->after)
        run->after->work(run->session, run->after->data);
}

bool check_translation_unit_contained(CXIndex index, struct session *session,
                                      const struct rule_selection *rules, bool dump_cfg,
                                      const struct after_check *after)
{
    struct contained_run run = {session, rules, dump_cfg, after};
    return crash_guard_run(index, session->unit.cx, session->unit.main_name, check_translation_unit_work, &run);
}
