/*
 * path.h: file-name helpers shared by the driver and the configuration.
 */
#ifndef LOCKCHECK_PATH_H
#define LOCKCHECK_PATH_H

/* `path` made absolute against the current folder (caller frees); the
 * file need not exist, and `.`/`..` are kept as written. */
char *path_absolute(const char *path);

#endif
