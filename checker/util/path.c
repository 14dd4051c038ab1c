/*
 * path.c: absolute, resolved and root-relative paths, and their URIs (see path.h).
 */
#include "util/path.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/memory.h"
#include "util/strbuf.h"

static char *str_join_path(const char *base, const char *path)
{
    size_t n = strlen(base) + strlen(path) + 2;
    char *joined = xmalloc(n);
    snprintf(joined, n, "%s/%s", base, path);
    return joined;
}

char *path_resolved(const char *path)
{
    char *resolved = realpath(path, NULL);
    return resolved ? resolved : xstrdup(path);
}

char *path_lexical(const char *base, const char *path)
{
    char *joined = path[0] == '/' ? xstrdup(path) : str_join_path(base, path);
    size_t len = strlen(joined);
    char *out = xmalloc(len + 2);
    size_t n = 0;
    for (const char *p = joined; *p;) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t part = end ? (size_t)(end - p) : strlen(p);
        if (part == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--; /* the slash before the dropped component */
        } else if (part > 0 && !(part == 1 && p[0] == '.')) {
            out[n++] = '/';
            memcpy(out + n, p, part);
            n += part;
        }
        p += part;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    free(joined);
    return out;
}

char *path_absolute(const char *path)
{
    char cwd[PATH_MAX];
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        return xstrdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *abs = xmalloc(n);
    snprintf(abs, n, "%s/%s", cwd, path);
    return abs;
}

char *path_relative_to(const char *root_abs, const char *path)
{
    char *abs = path_resolved(path);
    size_t n = strlen(root_abs);
    while (n > 1 && root_abs[n - 1] == '/')
        n--;
    char *rel = NULL;
    if (abs[0] == '/' && strncmp(abs, root_abs, n) == 0) {
        if (n == 1)
            rel = xstrdup(abs + 1);
        else if (abs[n] == '/')
            rel = xstrdup(abs + n + 1);
    }
    free(abs);
    return rel;
}

static bool uri_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

char *path_uri_encode(const char *path)
{
    struct strbuf buf = {0};
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        char piece[4];
        if (uri_unreserved(*p))
            snprintf(piece, sizeof piece, "%c", *p);
        else
            snprintf(piece, sizeof piece, "%%%02X", *p);
        strbuf_append(&buf, piece);
    }
    return strbuf_take(&buf);
}

char *path_file_uri(const char *abs_path, bool is_folder)
{
    char *encoded = path_uri_encode(abs_path);
    size_t len = strlen(encoded);
    bool slash = is_folder && (len == 0 || encoded[len - 1] != '/');
    char *uri = xmalloc(len + 16);
    snprintf(uri, len + 16, "file://%s%s", encoded, slash ? "/" : "");
    free(encoded);
    return uri;
}
