/*
 * progress.h: the `[done/total] file` line on standard error while files are
 * analysed, only when standard error is a terminal (not TERM=dumb) and --quiet
 * is not given.
 * Safe to call from every worker thread.
 */
#ifndef LOCKCHECK_PROGRESS_H
#define LOCKCHECK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress;

struct progress *progress_start(size_t total, bool quiet);
/* One more file is done. */
void progress_step(struct progress *progress, const char *file);
/* Clears the line (before errors and the report) and frees. */
void progress_finish(struct progress *progress);

#endif
