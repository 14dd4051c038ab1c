/*
 * compile_db.c: finding and reading compilation databases (see compile_db.h).
 */
#include "driver/compile_db.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/compile_db_json.h"
#include "driver/compile_flags_filter.h"
#include "driver/options.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

struct loaded_db {
    char *dir;
    struct json_db json;       /* compile_commands.json, read by lockcheck */
    bool has_json;
    CXCompilationDatabase db;  /* libclang's: compile_flags.txt, and commands it
                                * infers for files the JSON does not list;
                                * loaded on first need (it parses the JSON again) */
    bool libclang_tried;
    char *error;               /* why it could not be loaded (malformed JSON...) */
};

struct compile_db_cache {
    struct loaded_db *items;
    size_t count, capacity;
    struct flag_notes *notes;  /* dropped flags already named */
};

struct compile_db_cache *compile_db_cache_new(void)
{
    struct compile_db_cache *cache = xcalloc(1, sizeof(struct compile_db_cache));
    cache->notes = flag_notes_new();
    return cache;
}

void compile_db_cache_free(struct compile_db_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++) {
        if (cache->items[i].db)
            clang_CompilationDatabase_dispose(cache->items[i].db);
        json_db_free(&cache->items[i].json);
        free(cache->items[i].dir);
        free(cache->items[i].error);
    }
    flag_notes_free(cache->notes);
    free(cache->items);
    free(cache);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* libclang's database for `dir`: compile_flags.txt, or what it infers for
 * files compile_commands.json does not list. Not for a database with
 * response files: libclang would read them. */
static void load_libclang_db(struct loaded_db *l)
{
    if (l->libclang_tried || l->error || (l->has_json && l->json.has_response_file))
        return;
    l->libclang_tried = true;
    CXCompilationDatabase_Error err;
    l->db = clang_CompilationDatabase_fromDirectory(l->dir, &err);
    if (err != CXCompilationDatabase_NoError) {
        l->db = NULL;
        l->error = str_printf("%s/%s: cannot load the compilation database", l->dir,
                              l->has_json ? "compile_commands.json" : "compile_flags.txt");
    }
}

static struct loaded_db *load_db(struct compile_db_cache *cache, const char *dir)
{
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->items[i].dir, dir) == 0)
            return &cache->items[i];
    ARRAY_RESERVE(cache->items, cache->capacity, cache->count + 1);
    struct loaded_db *l = &cache->items[cache->count++];
    memset(l, 0, sizeof *l);
    l->dir = xstrdup(dir);
    char *json = str_printf("%s/compile_commands.json", dir);
    char *flags = str_printf("%s/compile_flags.txt", dir);
    if (file_exists(json)) {
        if (access(json, R_OK) != 0)
            l->error = str_printf("%s: cannot read: %s", json, strerror(errno));
        else
            l->error = json_db_load(json, &l->json);
        l->has_json = !l->error;
    } else if (!file_exists(flags)) {
        l->error = str_printf("%s: no compile_commands.json or compile_flags.txt", dir);
    }
    free(json);
    free(flags);
    return l;
}

/* The first folder from the file's up to / that has a database, or NULL. */
static char *find_db_dir(const char *abs_file)
{
    char *dir = xstrdup(abs_file);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
        const char *d = *dir ? dir : "/";
        char *json = str_printf("%s/compile_commands.json", d);
        char *flags = str_printf("%s/compile_flags.txt", d);
        bool found = file_exists(json) || file_exists(flags);
        free(json);
        free(flags);
        if (found) {
            char *result = xstrdup(d);
            free(dir);
            return result;
        }
        if (!*dir)
            break;
    }
    free(dir);
    return NULL;
}

static void push_arg(struct compile_command *cmd, const char *arg)
{
    cmd->argv = xrealloc(cmd->argv, (cmd->argc + 2) * sizeof *cmd->argv);
    cmd->argv[cmd->argc++] = xstrdup(arg);
    cmd->argv[cmd->argc] = NULL;
}

static void push_args(struct compile_command *cmd, const char *const *args, size_t count)
{
    for (size_t i = 0; i < count; i++)
        push_arg(cmd, args[i]);
}

static bool is_source_name(const char *arg)
{
    const char *dot = strrchr(arg, '.');
    return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".i") == 0 ||
                   strcmp(dot, ".o") == 0 || strcmp(dot, ".obj") == 0);
}

/* What a compile command's inputs are compared with: the source file, as
 * a resolved path, and the folder relative names resolve in. */
struct source_match {
    const char *directory; /* NULL: the current folder */
    char *resolved;        /* the file being checked; NULL: no input is kept */
    bool kept;             /* an input matched it */
};

static bool names_source(struct source_match *m, const char *arg)
{
    if (!m->resolved)
        return false;
    char *joined = arg[0] == '/' || !m->directory ? xstrdup(arg) : str_printf("%s/%s", m->directory, arg);
    char *resolved = path_resolved(joined);
    bool same = strcmp(resolved, m->resolved) == 0;
    free(joined);
    free(resolved);
    return same;
}

/* True when `file` (relative to `directory`, NULL: the current folder)
 * exists and is not a regular file: a device, a FIFO, a folder. */
static bool names_special_file(const char *directory, const char *file)
{
    if (!file || !*file)
        return false;
    char *path = file[0] == '/' || !directory ? xstrdup(file) : str_printf("%s/%s", directory, file);
    struct stat st;
    bool special = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    free(path);
    return special;
}

/* Appends to `cmd` the flags of args[0..count) that the allow-list keeps
 * (compile_flags_filter.h) and, of the inputs, only the source itself;
 * notes name what is dropped (none when `notes` is NULL: --quiet). */
static void push_filtered_args(struct compile_command *cmd, struct flag_notes *notes, const char *file,
                               const char *const *args, size_t count, struct source_match *source)
{
    bool options_ended = false;
    for (size_t i = 0; i < count; i++) {
        const char *arg = args[i];
        struct flag_verdict v = options_ended ? (struct flag_verdict){FLAG_POSITIONAL, 0, 0} : flag_classify(arg);
        size_t values = v.values < count - i ? v.values : count - i - 1;
        const char *reason = NULL;
        if (v.action == FLAG_KEEP && names_special_file(source->directory,
                                                        flag_file_value(arg, args[i + values], values))) {
            v.action = FLAG_DROP;
            v.name_length = strlen(arg);
            reason = "it names a device, a FIFO or a folder, not a file";
        }
        switch (v.action) {
        case FLAG_KEEP:
            push_args(cmd, args + i, values + 1);
            break;
        case FLAG_DROP:
            if (notes)
                flag_notes_report(notes, file, arg, v.name_length, reason);
            break;
        case FLAG_DROP_SILENTLY:
            break;
        case FLAG_END_OF_OPTIONS:
            options_ended = true;
            break;
        case FLAG_POSITIONAL:
            if (!source->kept && names_source(source, arg)) {
                push_arg(cmd, arg);
                source->kept = true;
            } else if (notes && source->resolved) {
                flag_notes_report(notes, file, arg, strlen(arg), NULL);
            }
            break;
        }
        i += values;
    }
}

/* argv[0] and what every command starts with: no clang configuration file
 * (one next to a compiler the database names could add any flag), then
 * --extra-arg-before. */
static void push_command_start(struct compile_command *cmd, const char *compiler, const struct options *opts)
{
    push_arg(cmd, compiler);
    push_arg(cmd, "--no-default-config");
    push_args(cmd, opts->extra_args_before, opts->extra_arg_before_count);
}

/* `-- <flags>` or, as CMake's CMAKE_C_CLANG_TIDY passes it,
 * `-- /usr/bin/cc <flags> -o x.o -c src.c`: keep the flags only. */
static void fixed_command(struct compile_command *out, struct flag_notes *notes, const struct options *opts,
                          const char *file)
{
    const char *const *args = opts->compiler_args;
    size_t count = opts->compiler_arg_count;
    if (count > 0 && args[0][0] != '-' && args[0][0] != '@' && !is_source_name(args[0])) {
        args++; /* the compiler */
        count--;
    }
    struct source_match none = {0};
    push_command_start(out, "clang", opts);
    push_filtered_args(out, notes, file, args, count, &none);
    push_args(out, opts->extra_args, opts->extra_arg_count);
    push_arg(out, file);
}

/* True for compiler wrappers that databases put before the compiler. */
static bool is_compiler_wrapper(const char *arg)
{
    static const char *const wrappers[] = {"ccache", "sccache", "distcc", "icecc", NULL};
    const char *slash = strrchr(arg, '/');
    const char *name = slash ? slash + 1 : arg;
    for (size_t i = 0; wrappers[i]; i++)
        if (strcmp(name, wrappers[i]) == 0)
            return true;
    return false;
}

/* A database's command for `file`: argv[0] (the compiler, after any ccache:
 * it says the driver mode and target), the kept flags and the source. */
static char *database_command(struct compile_command *out, struct flag_notes *notes, const struct options *opts,
                              const char *file, const char *db_path, const char *const *args, size_t count,
                              const char *directory, const char *entry_file)
{
    while (count > 1 && is_compiler_wrapper(args[0])) {
        args++;
        count--;
    }
    if (count == 0 || args[0][0] == '\0')
        return str_printf("%s: the compile command in %s is empty", file, db_path);
    if (args[0][0] == '-' || args[0][0] == '@')
        return str_printf("%s: the compile command in %s does not start with a compiler but with '%s'", file,
                          db_path, args[0]);
    char *joined = entry_file[0] == '/' || !*directory ? xstrdup(entry_file)
                                                       : str_printf("%s/%s", directory, entry_file);
    struct source_match source = {.directory = directory, .resolved = path_resolved(joined)};
    free(joined);
    push_command_start(out, args[0], opts);
    push_filtered_args(out, notes, file, args + 1, count - 1, &source);
    push_args(out, opts->extra_args, opts->extra_arg_count);
    if (!source.kept)
        push_arg(out, source.resolved);
    free(source.resolved);
    out->directory = xstrdup(directory);
    return NULL;
}

/* The command libclang gives for `abs` (compile_flags.txt, or inferred for a
 * file the JSON does not list). */
static char *libclang_command(struct compile_command *out, struct flag_notes *notes, const struct options *opts,
                              const char *file, const char *abs, const struct loaded_db *l)
{
    CXCompileCommands cmds = clang_CompilationDatabase_getCompileCommands(l->db, abs);
    if (!cmds || clang_CompileCommands_getSize(cmds) == 0) {
        if (cmds)
            clang_CompileCommands_dispose(cmds);
        return str_printf("%s: not found in the compilation database in %s", file, l->dir);
    }
    CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, 0);
    unsigned n = clang_CompileCommand_getNumArgs(cmd);
    char **args = xcalloc(n + 1, sizeof *args);
    for (unsigned i = 0; i < n; i++) {
        CXString arg = clang_CompileCommand_getArg(cmd, i);
        args[i] = xstrdup(clang_getCString(arg));
        clang_disposeString(arg);
    }
    CXString directory = clang_CompileCommand_getDirectory(cmd);
    CXString filename = clang_CompileCommand_getFilename(cmd);
    char *db_path = str_printf("%s/compile_flags.txt", l->dir);
    char *error = database_command(out, notes, opts, file, l->has_json ? l->dir : db_path,
                                   (const char *const *)args, n, clang_getCString(directory),
                                   clang_getCString(filename));
    free(db_path);
    clang_disposeString(directory);
    clang_disposeString(filename);
    for (unsigned i = 0; i < n; i++)
        free(args[i]);
    free(args);
    clang_CompileCommands_dispose(cmds);
    return error;
}

char *compile_command_for(struct compile_db_cache *cache, const struct options *opts,
                          const char *file, struct compile_command *out)
{
    memset(out, 0, sizeof *out);
    bool from_stdin = opts->stdin_filename && strcmp(file, opts->stdin_filename) == 0;
    if (!from_stdin && access(file, R_OK) != 0)
        return str_printf("%s: cannot read: %s", file, strerror(errno));
    struct stat st;
    if (!from_stdin && stat(file, &st) == 0 && S_ISDIR(st.st_mode))
        return str_printf("%s: is a folder, not a source file", file);

    char *abs = path_absolute(file);
    char *dir = opts->build_dir          ? xstrdup(opts->build_dir)
                : opts->has_compiler_args ? NULL
                                          : find_db_dir(abs);
    if (!dir) {
        /* `--` given, or no database anywhere: the fixed arguments. */
        free(abs);
        fixed_command(out, opts->quiet ? NULL : cache->notes, opts, file);
        return NULL;
    }

    struct loaded_db *l = load_db(cache, dir);
    free(dir);
    const struct json_db_entry *entry = l->has_json ? json_db_find(&l->json, abs) : NULL;
    if (!entry)
        load_libclang_db(l);
    struct flag_notes *notes = opts->quiet ? NULL : cache->notes;
    char *error;
    if (entry) {
        char *db_path = str_printf("%s/compile_commands.json", l->dir);
        error = database_command(out, notes, opts, file, db_path, (const char *const *)entry->argv,
                                 entry->argc, entry->directory, entry->file);
        free(db_path);
    } else if (l->db) {
        error = libclang_command(out, notes, opts, file, abs, l);
    } else if (l->error) {
        error = xstrdup(l->error);
    } else {
        error = str_printf("%s: not found in the compilation database in %s", file, l->dir);
    }
    free(abs);
    if (error)
        compile_command_free(out);
    return error;
}

void compile_command_free(struct compile_command *cmd)
{
    for (size_t i = 0; i < cmd->argc; i++)
        free(cmd->argv[i]);
    free(cmd->argv);
    free(cmd->directory);
    memset(cmd, 0, sizeof *cmd);
}
