/*
 * compile_db.c: finding and reading compilation databases (see compile_db.h).
 */
#include "driver/compile_db.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/options.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/path.h"

struct loaded_db {
    char *dir;
    CXCompilationDatabase db;  /* NULL when none could be loaded */
    char *error;               /* why it could not be loaded (malformed JSON...) */
};

struct compile_db_cache {
    struct loaded_db *items;
    size_t count, capacity;
};

struct compile_db_cache *compile_db_cache_new(void)
{
    return xcalloc(1, sizeof(struct compile_db_cache));
}

void compile_db_cache_free(struct compile_db_cache *cache)
{
    for (size_t i = 0; i < cache->count; i++) {
        if (cache->items[i].db)
            clang_CompilationDatabase_dispose(cache->items[i].db);
        free(cache->items[i].dir);
        free(cache->items[i].error);
    }
    free(cache->items);
    free(cache);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = xmalloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0)
            buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* Checks the shape libclang expects: an array of objects with "directory",
 * "file" and "command" or "arguments". NULL when fine, else the reason. */
static char *validate_database(const char *path)
{
    char *text = read_file(path);
    if (!text)
        return str_printf("%s: cannot read: %s", path, strerror(errno));
    json_tokener *tok = json_tokener_new();
    size_t len = strlen(text);
    json_object *root = json_tokener_parse_ex(tok, text, (int)len + 1);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    if (!root || jerr != json_tokener_success) {
        size_t offset = json_tokener_get_parse_end(tok);
        unsigned line = 1;
        for (size_t i = 0; i < offset && i < len; i++)
            line += text[i] == '\n';
        char *msg = str_printf("%s:%u: malformed compilation database: %s", path, line,
                               jerr == json_tokener_success ? "empty file" : json_tokener_error_desc(jerr));
        json_tokener_free(tok);
        json_object_put(root);
        free(text);
        return msg;
    }
    json_tokener_free(tok);
    free(text);
    char *error = NULL;
    if (!json_object_is_type(root, json_type_array)) {
        error = str_printf("%s: malformed compilation database: the top level is not an array", path);
    } else {
        size_t n = json_object_array_length(root);
        for (size_t i = 0; i < n && !error; i++) {
            json_object *entry = json_object_array_get_idx(root, i);
            json_object *v;
            if (!json_object_is_type(entry, json_type_object))
                error = str_printf("%s: malformed compilation database: entry %zu is not an object", path, i + 1);
            else if (!json_object_object_get_ex(entry, "file", &v) || !json_object_is_type(v, json_type_string))
                error = str_printf("%s: malformed compilation database: entry %zu has no \"file\"", path, i + 1);
            else if (!json_object_object_get_ex(entry, "directory", &v) || !json_object_is_type(v, json_type_string))
                error = str_printf("%s: malformed compilation database: entry %zu has no \"directory\"", path, i + 1);
            else if (!(json_object_object_get_ex(entry, "command", &v) && json_object_is_type(v, json_type_string)) &&
                     !(json_object_object_get_ex(entry, "arguments", &v) && json_object_is_type(v, json_type_array)))
                error = str_printf("%s: malformed compilation database: entry %zu has neither \"command\" nor \"arguments\"", path, i + 1);
        }
    }
    json_object_put(root);
    return error;
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
            l->error = validate_database(json);
    } else if (!file_exists(flags)) {
        l->error = str_printf("%s: no compile_commands.json or compile_flags.txt", dir);
    }
    if (!l->error) {
        CXCompilationDatabase_Error err;
        l->db = clang_CompilationDatabase_fromDirectory(dir, &err);
        if (err != CXCompilationDatabase_NoError) {
            l->db = NULL;
            l->error = str_printf("%s: cannot load the compilation database", json);
        }
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

static bool is_source_name(const char *arg)
{
    const char *dot = strrchr(arg, '.');
    return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".i") == 0 ||
                   strcmp(dot, ".o") == 0 || strcmp(dot, ".obj") == 0);
}

/* Options that would make libclang write a dependency file (-MD, -MF x...):
 * -1 for other arguments, else how many arguments follow the option. */
static int dependency_option(const char *arg)
{
    static const char *const flags[] = {"-M", "-MM", "-MD", "-MMD", "-MG", "-MP", NULL};
    static const char *const with_value[] = {"-MF", "-MT", "-MQ", "-MJ", NULL};
    for (size_t i = 0; flags[i]; i++)
        if (strcmp(arg, flags[i]) == 0)
            return 0;
    for (size_t i = 0; with_value[i]; i++)
        if (strcmp(arg, with_value[i]) == 0)
            return 1;
    for (size_t i = 0; with_value[i]; i++)
        if (strncmp(arg, with_value[i], 3) == 0)
            return 0; /* -MFfile */
    return -1;
}

/* Options whose value is the next argument (`-I dir`, `-include x.h`): the
 * value is kept as it is, even when it looks like a source file. */
static bool takes_separate_value(const char *arg)
{
    static const char *const options[] = {
        "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
        "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot", "--sysroot", "-x",
        "-Xclang", "-Xpreprocessor", "-target", "--target", "-arch", "-ivfsoverlay", NULL};
    for (size_t i = 0; options[i]; i++)
        if (strcmp(arg, options[i]) == 0)
            return true;
    return false;
}

/* `-- <flags>` or, as CMake's CMAKE_C_CLANG_TIDY passes it,
 * `-- /usr/bin/cc <flags> -o x.o -c src.c`: keep the flags only. */
static void add_fixed_args(struct compile_command *cmd, const struct options *opts)
{
    for (size_t i = 0; i < opts->compiler_arg_count; i++) {
        const char *arg = opts->compiler_args[i];
        if (i == 0 && arg[0] != '-' && !is_source_name(arg))
            continue; /* the compiler */
        int skip = strcmp(arg, "-o") == 0 ? 1 : dependency_option(arg);
        if (skip >= 0) {
            i += (size_t)skip;
            continue;
        }
        if (strcmp(arg, "-c") == 0 || (arg[0] != '-' && is_source_name(arg)))
            continue;
        push_arg(cmd, arg);
        if (takes_separate_value(arg) && i + 1 < opts->compiler_arg_count)
            push_arg(cmd, opts->compiler_args[++i]);
    }
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
        push_arg(out, "clang");
        for (size_t i = 0; i < opts->extra_arg_before_count; i++)
            push_arg(out, opts->extra_args_before[i]);
        add_fixed_args(out, opts);
        for (size_t i = 0; i < opts->extra_arg_count; i++)
            push_arg(out, opts->extra_args[i]);
        push_arg(out, file);
        return NULL;
    }

    struct loaded_db *l = load_db(cache, dir);
    free(dir);
    if (!l->db) {
        free(abs);
        return xstrdup(l->error);
    }
    CXCompileCommands cmds = clang_CompilationDatabase_getCompileCommands(l->db, abs);
    free(abs);
    if (!cmds || clang_CompileCommands_getSize(cmds) == 0) {
        if (cmds)
            clang_CompileCommands_dispose(cmds);
        return str_printf("%s: not found in the compilation database in %s", file, l->dir);
    }
    CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, 0);
    unsigned n = clang_CompileCommand_getNumArgs(cmd);
    for (unsigned i = 0; i < n; i++) {
        CXString arg = clang_CompileCommand_getArg(cmd, i);
        int skip = dependency_option(clang_getCString(arg));
        if (skip < 0)
            push_arg(out, clang_getCString(arg));
        clang_disposeString(arg);
        i += skip > 0 ? (unsigned)skip : 0;
        if (i == 0)
            for (size_t k = 0; k < opts->extra_arg_before_count; k++)
                push_arg(out, opts->extra_args_before[k]);
    }
    for (size_t i = 0; i < opts->extra_arg_count; i++)
        push_arg(out, opts->extra_args[i]);
    CXString directory = clang_CompileCommand_getDirectory(cmd);
    out->directory = xstrdup(clang_getCString(directory));
    clang_disposeString(directory);
    clang_CompileCommands_dispose(cmds);
    return NULL;
}

void compile_command_free(struct compile_command *cmd)
{
    for (size_t i = 0; i < cmd->argc; i++)
        free(cmd->argv[i]);
    free(cmd->argv);
    free(cmd->directory);
    memset(cmd, 0, sizeof *cmd);
}
