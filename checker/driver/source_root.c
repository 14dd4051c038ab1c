/*
 * source_root.c: the default source root (see source_root.h). A git work
 * tree is recognised by a `.git` entry, a folder or (linked work trees,
 * submodules) a file; git itself is not run.
 */
#include "driver/source_root.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "driver/options.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/path.h"
#include "util/strings.h"

static bool has_git_entry(const char *dir)
{
    char *git = str_printf("%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
    struct stat st;
    bool found = lstat(git, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
    free(git);
    return found;
}

/* The nearest folder from `start` (absolute) up to / with a `.git`; NULL. */
static char *enclosing_work_tree(const char *start)
{
    char *dir = xstrdup(start);
    for (;;) {
        if (has_git_entry(dir))
            return dir;
        char *slash = strrchr(dir, '/');
        if (!slash || (slash == dir && dir[1] == '\0'))
            break;
        slash[slash == dir ? 1 : 0] = '\0';
    }
    free(dir);
    return NULL;
}

/* The folder of `file` (absolute, resolved). */
static char *folder_of(const char *file)
{
    char *abs = path_resolved(file);
    char *slash = strrchr(abs, '/');
    if (slash)
        slash[slash == abs ? 1 : 0] = '\0';
    return abs;
}

char *source_root_find(const struct options *opts)
{
    if (opts->source_root)
        return path_resolved(opts->source_root);
    char *start = opts->build_dir       ? path_resolved(opts->build_dir)
                  : opts->file_count > 0 ? folder_of(opts->files[0])
                                         : path_resolved(".");
    char *root = enclosing_work_tree(start);
    if (root) {
        free(start);
        return root;
    }
    if (opts->build_dir)
        return start;
    free(start);
    return path_resolved(".");
}
