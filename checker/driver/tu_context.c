/*
 * tu_context.c: per-translation-unit state (see tu_context.h).
 */
#include "driver/tu_context.h"

#include <stdlib.h>
#include <string.h>

#include "annotations/annotations.h"
#include "ast/call_graph.h"
#include "ast/cursor_util.h"
#include "ast/function_index.h"
#include "ast/recursive_mutex.h"
#include "ast/threads.h"
#include "config/config.h"
#include "summary/summary.h"
#include "util/memory.h"

void tu_context_init(struct tu_context *tu, CXTranslationUnit unit, const char *main_name,
                     const struct options *options, struct finding_list *findings)
{
    memset(tu, 0, sizeof *tu);
    tu->unit = unit;
    tu->main_name = main_name;
    tu->options = options;
    tu->findings = findings;
    CXString spelling = clang_getTranslationUnitSpelling(unit);
    tu->main_file = clang_getFile(unit, clang_getCString(spelling));
    clang_disposeString(spelling);
    tu->summaries = summary_table_new();
    tu->spawns = xcalloc(1, sizeof *tu->spawns);
    compile_errors_read(unit, &tu->errors);
}

void tu_context_free(struct tu_context *tu)
{
    for (size_t i = 0; i < tu->file_name_count; i++)
        free(tu->file_names[i].name);
    free(tu->file_names);
    for (size_t i = 0; i < tu->thread_entry_count; i++)
        free(tu->thread_entries[i]);
    free(tu->thread_entries);
    summary_table_free(tu->summaries);
    thread_spawn_list_free(tu->spawns);
    free(tu->spawns);
    call_graph_free(tu->call_graph);
    recursive_mutexes_free(tu);
    for (size_t i = 0; i < tu->remark_count; i++)
        free(tu->remarks[i]);
    free(tu->remarks);
    function_index_forget_unit();
    annotation_table_free(tu->annotations);
    compile_errors_free(&tu->errors);
    memset(tu, 0, sizeof *tu);
}

static bool unique_id_equal(const CXFileUniqueID *a, const CXFileUniqueID *b)
{
    return memcmp(a->data, b->data, sizeof a->data) == 0;
}

const char *tu_file_name(struct tu_context *tu, CXFile file)
{
    if (!file)
        return "<unknown>";
    CXFileUniqueID id;
    if (clang_getFileUniqueID(file, &id) != 0)
        memset(&id, 0, sizeof id);
    for (size_t i = 0; i < tu->file_name_count; i++)
        if (unique_id_equal(&tu->file_names[i].id, &id))
            return tu->file_names[i].name;
    char *name;
    if (tu->main_file && clang_File_isEqual(file, tu->main_file)) {
        name = xstrdup(tu->main_name);
    } else {
        CXString s = clang_getFileName(file);
        name = xstrdup(clang_getCString(s));
        clang_disposeString(s);
    }
    ARRAY_RESERVE(tu->file_names, tu->file_name_capacity, tu->file_name_count + 1);
    tu->file_names[tu->file_name_count].id = id;
    tu->file_names[tu->file_name_count].name = name;
    tu->file_name_count++;
    return name;
}

bool tu_reports_in(struct tu_context *tu, CXCursor cursor)
{
    if (tu->summaries_only)
        return false;
    if (cursor_in_main_file(tu, cursor))
        return true;
    CXSourceLocation loc = clang_getCursorLocation(cursor);
    if (!tu->config || !tu->config->header_filter || clang_Location_isInSystemHeader(loc))
        return false;
    CXFile file;
    clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
    return file && config_reports_header(tu->config, tu_file_name(tu, file));
}


bool tu_is_thread_entry(struct tu_context *tu, CXCursor function)
{
    char *usr = cursor_usr(function);
    bool found = false;
    for (size_t i = 0; i < tu->thread_entry_count && !found; i++)
        found = strcmp(tu->thread_entries[i], usr) == 0;
    free(usr);
    return found;
}

void tu_add_thread_entry(struct tu_context *tu, CXCursor function)
{
    if (tu_is_thread_entry(tu, function))
        return;
    ARRAY_RESERVE(tu->thread_entries, tu->thread_entry_capacity, tu->thread_entry_count + 1);
    tu->thread_entries[tu->thread_entry_count++] = cursor_usr(function);
}

void tu_remark(struct tu_context *tu, char *line)
{
    ARRAY_RESERVE(tu->remarks, tu->remark_capacity, tu->remark_count + 1);
    tu->remarks[tu->remark_count++] = line;
}
