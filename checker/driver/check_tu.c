/*
 * check_tu.c: the analyses of one translation unit, in order:
 *   thread entry points -> each function defined in the main file
 *   (lock dataflow and its rules; callees' summaries on demand)
 *   -> translation-unit rules.
 */
#include "driver/check_tu.h"

#include <stdio.h>
#include <stdlib.h>

#include "ast/cursor_util.h"
#include "ast/threads.h"
#include "dataflow/function_analysis.h"
#include "driver/options.h"
#include "driver/tu_context.h"
#include "rules/rule.h"

static enum CXChildVisitResult visit_function(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_context *tu = data;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c) &&
        tu_reports_in(tu, c)) {
        const struct function_analysis *fa = analyze_function(tu, c);
        if (fa && tu->options && tu->options->dump_cfg) {
            char *name = cursor_spelling(c);
            printf("function %s:\n", name);
            free(name);
            cfg_dump(&fa->cfg, stdout);
        }
    }
    return CXChildVisit_Continue;
}

void check_translation_unit(struct tu_context *tu)
{
    collect_thread_entries(tu);
    clang_visitChildren(clang_getTranslationUnitCursor(tu->unit), visit_function, tu);
    for (unsigned r = 0; r < rule_count; r++)
        if (all_rules[r]->check_translation_unit && rule_enabled(all_rules[r]))
            all_rules[r]->check_translation_unit(tu);
}
