/*
 * source_root.h: the folder SARIF paths and fingerprints (so the baseline)
 * are relative to. --source-root=DIR wins; by default it is the git work
 * tree that encloses the compilation database's folder (-p) or, without -p,
 * the first file given; without a git work tree, the -p folder, else the
 * current folder. So a baseline written from the top of a checkout matches
 * a run from a subfolder, or from a build folder.
 */
#ifndef LOCKCHECK_SOURCE_ROOT_H
#define LOCKCHECK_SOURCE_ROOT_H

struct options;

/* The absolute, symlink-free source root (allocated). */
char *source_root_find(const struct options *opts);

#endif
