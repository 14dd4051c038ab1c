/*
 * fuzz_check_source.c: libFuzzer target for the whole check of one source
 * file held in memory: parse (libclang, as an unsaved file), every rule,
 * NOLINT suppressions and fingerprints, as a worker of driver/main.c does
 * for one file. libclang itself is not instrumented; lockcheck's code is.
 */
#include <clang-c/Index.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "dataflow/engine.h"
#include "driver/check_tu.h"
#include "driver/compile_db.h"
#include "driver/finding_context.h"
#include "driver/options.h"
#include "driver/parse.h"
#include "driver/source_file.h"
#include "driver/suppress.h"
#include "report/finding.h"
#include "rules/rule.h"

#define SOURCE_NAME "/lockcheck-fuzz/input.c"

static struct options opts;
static struct lockcheck_config config; /* no .lockcheck.yml */
static CXIndex fuzz_index;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* libclang's crash recovery installs signal handlers of its own: let
     * the sanitizers see every crash instead. */
    setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
    char *options_argv[] = {"lockcheck", "--quiet", SOURCE_NAME, "--", "-std=gnu11", NULL};
    if (options_parse(5, options_argv, &opts) != OPTIONS_OK)
        abort();
    fuzz_index = clang_createIndex(0, 0);
    return 0;
}

static void check_unit(CXTranslationUnit unit)
{
    struct finding_list findings = {0};
    struct session session;
    engine_session_open(&session, unit, SOURCE_NAME, &config, &findings);
    struct rule_selection rules;
    rule_select(&rules, config.checks, NULL);
    check_translation_unit(&session, &rules, false);
    struct source_files files = {0};
    suppress_findings(&session, &files, &rules);
    fingerprint_findings(&session, &files, "/");
    source_files_free(&files);
    engine_session_close(&session);
    finding_list_sort_unique(&findings);
    finding_list_free(&findings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct CXUnsavedFile unsaved = {SOURCE_NAME, (const char *)data, (unsigned long)size};
    struct compile_command cmd = {0};
    char *argv[] = {"clang", "-std=gnu11", SOURCE_NAME, NULL};
    cmd.argv = argv;
    cmd.argc = 3;
    char *error = NULL;
    CXTranslationUnit unit = parse_translation_unit(fuzz_index, SOURCE_NAME, &cmd, &unsaved, &error);
    free(error);
    if (unit) {
        check_unit(unit);
        clang_disposeTranslationUnit(unit);
    }
    return 0;
}
