/*
 * parse.c: running libclang on one compile command (see parse.h).
 *
 * lockcheck adds to every command: its own include folder (lockcheck.h),
 * -D__LOCKCHECK__ (so the LC_* annotations expand), clang's resource folder
 * (builtin headers such as stddef.h, missing when argv[0] is plain `cc`) and
 * -working-directory (libclang ignores the database's "directory").
 */
#include "driver/parse.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/compile_db.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/strings.h"

/* lockcheck.h: next to the installed binary, else in the source tree.
 * Found once for the whole process (pthread_once): -j workers parse at the
 * same time, and a half-written answer would drop the include folder. */
static char include_dir_found[PATH_MAX + 32];
static pthread_once_t include_dir_once = PTHREAD_ONCE_INIT;

static void find_lockcheck_include_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char candidate[PATH_MAX + 32];
            snprintf(candidate, sizeof candidate, "%s/../include/lockcheck.h", exe);
            if (access(candidate, R_OK) == 0) {
                snprintf(include_dir_found, sizeof include_dir_found, "%s/../include", exe);
                return;
            }
        }
    }
    if (access(LOCKCHECK_INSTALL_INCLUDE_DIR "/lockcheck.h", R_OK) == 0)
        snprintf(include_dir_found, sizeof include_dir_found, "%s", LOCKCHECK_INSTALL_INCLUDE_DIR);
    else if (access(LOCKCHECK_SOURCE_INCLUDE_DIR "/lockcheck.h", R_OK) == 0)
        snprintf(include_dir_found, sizeof include_dir_found, "%s", LOCKCHECK_SOURCE_INCLUDE_DIR);
}

static const char *lockcheck_include_dir(void)
{
    pthread_once(&include_dir_once, find_lockcheck_include_dir);
    return include_dir_found[0] ? include_dir_found : NULL;
}

static const char *resource_dir(void)
{
    const char *env = getenv("LOCKCHECK_RESOURCE_DIR");
    return env && *env ? env : LOCKCHECK_RESOURCE_DIR;
}

/* Why libclang gave no translation unit at all. */
static char *parse_failure(const char *file, enum CXErrorCode rc)
{
    if (rc == CXError_Crashed)
        return str_printf("%s: clang crashed while parsing it (a stack overflow or a bug in "
                          "clang)", file);
    return str_printf("%s: cannot parse (libclang error %d)", file, (int)rc);
}

CXTranslationUnit parse_translation_unit(CXIndex index, const char *file,
                                         const struct compile_command *cmd,
                                         struct CXUnsavedFile *unsaved, char **error)
{
    *error = NULL;
    size_t cap = cmd->argc + 16;
    const char **argv = xcalloc(cap, sizeof *argv);
    size_t argc = 0;
    for (size_t i = 0; i < cmd->argc; i++)
        argv[argc++] = cmd->argv[i];
    argv[argc++] = "-D__LOCKCHECK__=1";
    const char *inc = lockcheck_include_dir();
    if (inc) {
        argv[argc++] = "-isystem";
        argv[argc++] = inc;
    }
    argv[argc++] = "-resource-dir";
    argv[argc++] = resource_dir();
    argv[argc++] = "-Wno-everything";
    /* `#pragma clang __debug crash`, `overflow_stack` (a loop, in clang 19),
     * `llvm_fatal_error` (exits the process): a checked file cannot use them. */
    argv[argc++] = "-Xclang";
    argv[argc++] = "-disable-pragma-debug-crash";
    argv[argc++] = "-ferror-limit=0";
    if (cmd->directory) {
        argv[argc++] = "-working-directory";
        argv[argc++] = cmd->directory;
    }
    CXTranslationUnit tu = NULL;
    /* KeepGoing: after a fatal error (a missing header) clang still reports
     * the errors it meets, which the analysis needs (ast/invalid_code.h). */
    unsigned flags = CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles | CXTranslationUnit_KeepGoing;
    enum CXErrorCode rc = clang_parseTranslationUnit2FullArgv(index, NULL, argv, (int)argc, unsaved,
                                                              unsaved ? 1 : 0,
                                                              flags, &tu);
    free(argv);
    if (rc != CXError_Success || !tu) {
        *error = parse_failure(file, rc);
        return NULL;
    }
    return tu;
}
