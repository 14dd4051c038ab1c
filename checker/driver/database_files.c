/*
 * database_files.c: the files of a compilation database (see
 * database_files.h). The database is checked with json-c first, so a
 * missing or malformed one gives lockcheck's one-line error instead of
 * libclang's tooling message; libclang then gives every entry's file and
 * folder, and the file's path is made absolute and normalised (`dir/..`
 * folded) so reports name it plainly. A file compiled several times (several targets) is checked once.
 */
#include "driver/database_files.h"

#include <clang-c/CXCompilationDatabase.h>
#include <json-c/json.h>
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/bounded_regex.h"
#include "util/memory.h"
#include "util/strings.h"

static bool is_c_file(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Drops `.` components and folds `dir/..` in an absolute path, in place,
 * as the database's own lookup does (no symbolic links are followed). */
static void normalize_lexically(char *path)
{
    char *out = path;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > path && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, p, n);
            out += n;
        }
        p += n;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

static char *entry_path(CXCompileCommand cmd)
{
    CXString file = clang_CompileCommand_getFilename(cmd);
    CXString dir = clang_CompileCommand_getDirectory(cmd);
    const char *f = clang_getCString(file);
    char *path = f[0] == '/' ? xstrdup(f) : str_printf("%s/%s", clang_getCString(dir), f);
    clang_disposeString(file);
    clang_disposeString(dir);
    normalize_lexically(path);
    return path;
}

static void sort_unique(struct database_files *out)
{
    out->count = str_sort_unique(out->names, out->count);
}

static char *check_database(const char *json_path)
{
    json_object *root = json_object_from_file(json_path);
    bool is_array = root && json_object_is_type(root, json_type_array);
    json_object_put(root);
    if (is_array)
        return NULL;
    return str_printf("%s: %s", json_path,
                      root ? "malformed compilation database: the top level is not an array"
                           : "no readable compilation database to take the files from");
}

static void collect_files(CXCompilationDatabase db, const regex_t *filter, struct database_files *out)
{
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
    out->names = xcalloc(n + 1, sizeof *out->names);
    for (unsigned i = 0; i < n; i++) {
        char *path = entry_path(clang_CompileCommands_getCommand(cmds, i));
        if (is_c_file(path) && (!filter || regexec(filter, path, 0, NULL, 0) == 0))
            out->names[out->count++] = path;
        else
            free(path);
    }
    if (cmds)
        clang_CompileCommands_dispose(cmds);
    sort_unique(out);
}

char *database_files_list(const char *build_dir, const char *filter, struct database_files *out)
{
    memset(out, 0, sizeof *out);
    regex_t re;
    char *why = NULL;
    enum bounded_regex_result compiled = filter ? bounded_regcomp(&re, filter, &why) : BOUNDED_REGEX_OK;
    if (compiled != BOUNDED_REGEX_OK) {
        char *error = compiled == BOUNDED_REGEX_TOO_COSTLY
                          ? str_printf("--file-filter: '%s' is rejected: %s", filter, why)
                          : str_printf("--file-filter: '%s' is not a valid regular expression", filter);
        free(why);
        return error;
    }
    char *json_path = str_printf("%s/compile_commands.json", build_dir);
    char *error = check_database(json_path);
    CXCompilationDatabase_Error db_error = CXCompilationDatabase_NoError;
    CXCompilationDatabase db = error ? NULL : clang_CompilationDatabase_fromDirectory(build_dir, &db_error);
    if (!error && db_error != CXCompilationDatabase_NoError)
        error = str_printf("%s: cannot load the compilation database", json_path);
    if (!error)
        collect_files(db, filter ? &re : NULL, out);
    if (db)
        clang_CompilationDatabase_dispose(db);
    if (filter)
        regfree(&re);
    free(json_path);
    return error;
}

void database_files_free(struct database_files *files)
{
    for (size_t i = 0; i < files->count; i++)
        free(files->names[i]);
    free(files->names);
    memset(files, 0, sizeof *files);
}
