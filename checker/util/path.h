/*
 * path.h: file paths as the compilation database and the machine-readable
 * reports need them: absolute, relative to
 * the source root (SARIF's %SRCROOT%, fingerprints that do not depend on
 * where the checkout lives) and as URIs.
 */
#ifndef LOCKCHECK_PATH_H
#define LOCKCHECK_PATH_H

#include <stdbool.h>

/* `path` made absolute against the current folder, as written (`.`, `..`
 * and symbolic links kept: how compilation databases name files); the file
 * need not exist. Allocated. */
char *path_absolute(const char *path);

/* `path` (relative to the folder `base`, itself absolute) made absolute
 * with `.`, `..` and repeated slashes removed by text alone, as compilation
 * databases compare paths: no file system access. Allocated. */
char *path_lexical(const char *base, const char *path);

/* The absolute, symlink-free form of `path` (allocated); a copy of `path`
 * when it cannot be resolved (a file that no longer exists). */
char *path_resolved(const char *path);

/* `path` relative to the folder `root_abs` (absolute, from path_resolved)
 * when it lies inside it, with `/` separators and no `./`; otherwise NULL.
 * Allocated. */
char *path_relative_to(const char *root_abs, const char *path);

/* Percent-encodes a path for use in a URI: every byte but unreserved
 * characters and `/` becomes %XX. Allocated. */
char *path_uri_encode(const char *path);

/* "file:///abs/path" for an absolute path, with a trailing `/` when
 * `is_folder`. Allocated. */
char *path_file_uri(const char *abs_path, bool is_folder);

#endif
