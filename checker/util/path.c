/*
 * path.c: file-name helpers (see path.h).
 */
#include "util/path.h"

#include <limits.h>
#include <unistd.h>

#include "report/finding.h"
#include "util/memory.h"

char *path_absolute(const char *path)
{
    char cwd[PATH_MAX];
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        return xstrdup(path);
    return str_printf("%s/%s", cwd, path);
}
