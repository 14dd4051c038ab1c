/*
 * check_tu.c: the analyses of one translation unit, in order:
 *   thread entry points -> each function defined in the main file
 *   (lock dataflow and its rules; callees' summaries on demand), except
 *   those whose compile errors make the analysis meaningless
 *   (ast/invalid_code.h: said once on standard error)
 *   -> translation-unit rules (their findings inside a skipped function
 *      are dropped).
 *
 * check_translation_unit_contained() runs all of it under libclang's crash
 * recovery, so a crash in one file's analysis is that file's error.
 */
#include "driver/check_tu.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast/cursor_util.h"
#include "ast/invalid_code.h"
#include "ast/threads.h"
#include "dataflow/function_analysis.h"
#include "driver/options.h"
#include "driver/tu_context.h"
#include "rules/rule.h"
#include "util/memory.h"

/* Functions not analysed, as lines of a file (findings there are dropped). */
struct skipped_span {
    const char *file;   /* tu_file_name: lives as long as the context */
    unsigned first, last;
};

struct tu_walk {
    struct tu_context *tu;
    struct skipped_span *skipped;
    size_t skipped_count, skipped_capacity;
};

static void skip_function(struct tu_walk *walk, CXCursor function, const char *reason)
{
    struct tu_context *tu = walk->tu;
    struct source_pos pos = cursor_pos(tu, function);
    char *name = cursor_spelling(function);
    tu_remark(tu, str_printf("%s:%u: '%s' not analysed: %s", pos.file, pos.line, name, reason));
    free(name);
    CXSourceRange extent = clang_getCursorExtent(function);
    unsigned last;
    clang_getExpansionLocation(clang_getRangeEnd(extent), NULL, &last, NULL, NULL);
    ARRAY_RESERVE(walk->skipped, walk->skipped_capacity, walk->skipped_count + 1);
    walk->skipped[walk->skipped_count++] = (struct skipped_span){pos.file, pos.line, last};
}

static enum CXChildVisitResult visit_function(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_walk *walk = data;
    struct tu_context *tu = walk->tu;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
        !tu_reports_in(tu, c))
        return CXChildVisit_Continue;
    const struct function_analysis *fa = analyze_function(tu, c);
    if (fa && fa->not_analysed) {
        skip_function(walk, c, fa->not_analysed);
        return CXChildVisit_Continue;
    }
    if (fa && tu->options && tu->options->dump_cfg) {
        char *name = cursor_spelling(c);
        printf("function %s:\n", name);
        free(name);
        cfg_dump(&fa->cfg, stdout);
    }
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

void check_translation_unit(struct tu_context *tu)
{
    struct tu_walk walk = {.tu = tu};
    collect_thread_entries(tu);
    clang_visitChildren(clang_getTranslationUnitCursor(tu->unit), visit_function, &walk);
    for (unsigned r = 0; r < rule_count; r++)
        if (all_rules[r]->check_translation_unit && rule_enabled(all_rules[r]))
            all_rules[r]->check_translation_unit(tu);
    /* --suggest-annotations runs data-race's analysis even when the rule is off. */
    if (tu->options && tu->options->suggest_annotations && !rule_enabled(&rule_data_race))
        rule_data_race.check_translation_unit(tu);
    if (walk.skipped_count)
        finding_list_filter(tu->findings, outside_skipped, &walk);
    free(walk.skipped);
}

/* ---- compile errors ------------------------------------------------------------------ */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

size_t report_compile_errors(struct tu_context *tu, bool *missing_header)
{
    *missing_header = false;
    const struct compile_errors *errors = &tu->errors;
    for (size_t i = 0; i < errors->count; i++) {
        const struct compile_error *e = &errors->items[i];
        *missing_header |= ends_with(e->message, "file not found");
        if (i >= COMPILE_ERRORS_SHOWN)
            continue;
        /* An error without a location (a bad argument) is the file's. */
        struct source_pos pos = {(char *)tu->main_name, 1, 1};
        if (e->file)
            pos = (struct source_pos){(char *)tu_file_name(tu, e->file), e->line, e->column};
        finding_add_compile_error(tu->findings, pos, e->message);
    }
    if (errors->count > COMPILE_ERRORS_SHOWN)
        tu_remark(tu, str_printf("%s: %zu more compile errors not shown (the first %d are)",
                                 tu->main_name, errors->count - COMPILE_ERRORS_SHOWN,
                                 COMPILE_ERRORS_SHOWN));
    return errors->count;
}

/* ---- under crash recovery ---------------------------------------------------------- */

/* libclang runs clang_indexTranslationUnit under its crash recovery
 * (with LIBCLANG_NOTHREADS set, on the calling thread and its stack): the
 * analysis runs in the indexer's first callback, then asks it to stop. */
struct contained_run {
    struct tu_context *tu;
    bool started, done;
};

static int stop_indexing(CXClientData data, void *reserved)
{
    (void)reserved;
    return ((struct contained_run *)data)->done;
}

/* Test hook (testcases/crash/analysis-crash.test): LOCKCHECK_TEST_CRASH=FILE
 * makes the analysis of FILE crash, so that the containment of a crash in
 * lockcheck's own code can be checked without a bug to trigger it. */
static void crash_if_asked(const struct tu_context *tu)
{
    const char *file = getenv("LOCKCHECK_TEST_CRASH");
    if (file && strcmp(file, tu->main_name) == 0)
        raise(SIGSEGV);
}

static CXIdxClientContainer run_checks(CXClientData data, void *reserved)
{
    (void)reserved;
    struct contained_run *run = data;
    run->started = true;
    crash_if_asked(run->tu);
    check_translation_unit(run->tu);
    run->done = true;
    return NULL;
}

bool check_translation_unit_contained(CXIndex index, struct tu_context *tu)
{
    struct contained_run run = {tu, false, false};
    IndexerCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.abortQuery = stop_indexing;
    callbacks.startedTranslationUnit = run_checks;
    CXIndexAction action = clang_IndexAction_create(index);
    clang_indexTranslationUnit(action, &run, &callbacks, sizeof callbacks,
                               CXIndexOpt_SuppressWarnings, tu->unit);
    clang_IndexAction_dispose(action);
    if (run.started)
        return run.done; /* started and not done: it crashed */
    check_translation_unit(tu); /* the indexer did not call back: run unguarded */
    return true;
}
