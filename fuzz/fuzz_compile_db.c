/*
 * fuzz_compile_db.c: libFuzzer target for compile commands
 * (driver/compile_db_json.c, driver/compile_flags_filter.c,
 * driver/compile_db.c): the input is read as a compile_commands.json, each
 * entry looked up and its arguments classified; then split as a command
 * line and filtered as the arguments after `--`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver/compile_db.h"
#include "driver/compile_db_json.h"
#include "driver/compile_flags_filter.h"
#include "driver/options.h"
#include "fuzz_input.h"

static void read_as_database(const char *path)
{
    struct json_db db;
    char *error = json_db_load(path, &db);
    if (error) {
        free(error);
        return;
    }
    for (size_t i = 0; i < db.count && i < 64; i++) {
        json_db_find(&db, db.entries[i].key);
        for (size_t a = 0; a < db.entries[i].argc; a++)
            flag_classify(db.entries[i].argv[a]);
    }
    json_db_free(&db);
}

/* The input as `lockcheck --quiet fuzz_source.c -- <input split>`. */
static void read_as_arguments(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    char **words;
    size_t count;
    json_db_split_command(text, &words, &count);
    free(text);
    struct options opts;
    char *argv[] = {"lockcheck", "--quiet", "fuzz_source.c", "--", NULL};
    if (options_parse(4, argv, &opts) == OPTIONS_OK) {
        const char **parsed = opts.compiler_args;
        size_t parsed_count = opts.compiler_arg_count;
        opts.compiler_args = (const char **)words;
        opts.compiler_arg_count = count;
        opts.has_compiler_args = true;
        struct compile_db_cache *cache = compile_db_cache_new();
        struct compile_command cmd;
        char *error = compile_command_for(cache, &opts, "/proc/self/exe", &cmd);
        free(error);
        compile_command_free(&cmd);
        compile_db_cache_free(cache);
        opts.compiler_args = parsed;
        opts.compiler_arg_count = parsed_count;
    }
    options_free(&opts);
    for (size_t i = 0; i < count; i++)
        free(words[i]);
    free(words);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_file file;
    if (!fuzz_file_open(&file, data, size))
        return 0;
    read_as_database(file.path);
    fuzz_file_close(&file);
    read_as_arguments(data, size);
    return 0;
}
