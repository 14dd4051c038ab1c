/*
 * dependency_hashes.c: dependency lists of cache entries (see
 * dependency_hashes.h), built with libclang's inclusion list and json-c.
 */
#define _GNU_SOURCE /* tdestroy */
#include "driver/dependency_hashes.h"

#include <json-c/json.h>
#include <search.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "summary/summary_cache.h"
#include "util/hash.h"
#include "util/memory.h"
#include "util/path.h"

struct dependency_hashes {
    void *tree;                 /* tsearch tree of struct file_hash */
};

struct file_hash {
    char *path;
    char *hash;                 /* NULL: cannot be read */
};

struct dependency_hashes *dependency_hashes_new(void)
{
    return xcalloc(1, sizeof(struct dependency_hashes));
}

static void free_file_hash(void *p)
{
    struct file_hash *h = p;
    free(h->path);
    free(h->hash);
    free(h);
}

void dependency_hashes_free(struct dependency_hashes *memo)
{
    if (!memo)
        return;
    tdestroy(memo->tree, free_file_hash);
    free(memo);
}

static int compare_file_hash(const void *a, const void *b)
{
    return strcmp(((const struct file_hash *)a)->path, ((const struct file_hash *)b)->path);
}

/* A file's hash on disk, read once per run. */
static const char *disk_hash(struct dependency_hashes *memo, const char *path)
{
    struct file_hash probe = {.path = (char *)path};
    struct file_hash **found = tfind(&probe, &memo->tree, compare_file_hash);
    if (found)
        return (*found)->hash;
    struct file_hash *h = xcalloc(1, sizeof *h);
    h->path = xstrdup(path);
    h->hash = hash_file(path);
    tsearch(h, &memo->tree, compare_file_hash);
    return h->hash;
}

int dependency_hashes_unchanged(struct dependency_hashes *memo, const char *deps_text)
{
    json_object *deps = json_tokener_parse(deps_text);
    int result = deps && json_object_is_type(deps, json_type_array) ? 1 : -1;
    size_t n = result > 0 ? json_object_array_length(deps) : 0;
    for (size_t i = 0; i < n && result > 0; i++) {
        json_object *dep = json_object_array_get_idx(deps, i), *path, *hash;
        if (!json_object_object_get_ex(dep, "path", &path) || !json_object_is_type(path, json_type_string) ||
            !json_object_object_get_ex(dep, "hash", &hash) || !json_object_is_type(hash, json_type_string)) {
            result = -1;
            break;
        }
        const char *now = disk_hash(memo, json_object_get_string(path));
        if (!now || strcmp(now, json_object_get_string(hash)) != 0)
            result = 0;
    }
    json_object_put(deps);
    return result;
}

static void add_dep(json_object *deps, const char *path, const char *hash)
{
    json_object *dep = json_object_new_object();
    json_object_object_add(dep, "path", json_object_new_string(path));
    json_object_object_add(dep, "hash", json_object_new_string(hash ? hash : "unreadable"));
    json_object_array_add(deps, dep);
}

struct deps_ctx {
    CXTranslationUnit unit;
    json_object *deps;
    json_object *seen;          /* paths listed so far (a header included twice is listed once) */
    const char *skip_path;
};

static bool is_skipped(const struct deps_ctx *ctx, const char *real, const char *name)
{
    if (json_object_object_get_ex(ctx->seen, real, NULL))
        return true;
    return ctx->skip_path && (strcmp(real, ctx->skip_path) == 0 || strcmp(name, ctx->skip_path) == 0);
}

/* Every file the translation unit read, with the hash of what clang saw. */
static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    (void)depth;
    struct deps_ctx *ctx = data;
    CXString real = clang_File_tryGetRealPathName(file);
    CXString name = clang_getFileName(file);
    const char *path = clang_getCString(real);
    const char *given = clang_getCString(name) ? clang_getCString(name) : "";
    if (!path || !*path)
        path = given;
    if (*path && !is_skipped(ctx, path, given)) {
        size_t size = 0;
        const char *contents = clang_getFileContents(ctx->unit, file, &size);
        char *hash = contents ? hash_text(contents, size) : hash_file(path);
        add_dep(ctx->deps, path, hash);
        json_object_object_add(ctx->seen, path, NULL);
        free(hash);
    }
    clang_disposeString(real);
    clang_disposeString(name);
}

char *dependency_list(CXTranslationUnit unit, const char *config_path, const char *skip_path)
{
    struct deps_ctx ctx = {unit, json_object_new_array(), json_object_new_object(), skip_path};
    clang_getInclusions(unit, visit_inclusion, &ctx);
    if (config_path) {
        char *hash = hash_file(config_path);
        char *path = path_resolved(config_path);
        add_dep(ctx.deps, path, hash);
        free(path);
        free(hash);
    }
    char *text = xstrdup(json_object_to_json_string_ext(ctx.deps, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(ctx.deps);
    json_object_put(ctx.seen);
    return text;
}
