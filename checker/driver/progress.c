/*
 * progress.c: the progress line (see progress.h). Each step rewrites the
 * same terminal line (carriage return, then erase to end of line).
 */
#include "driver/progress.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/memory.h"

struct progress {
    pthread_mutex_t mutex;
    size_t done, total;
};

/* A terminal that can move the cursor back: TERM=dumb ones cannot. */
static bool terminal_can_redraw(void)
{
    const char *term = getenv("TERM");
    return isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

struct progress *progress_start(size_t total, bool quiet)
{
    if (quiet || !terminal_can_redraw())
        return NULL;
    struct progress *progress = xcalloc(1, sizeof *progress);
    pthread_mutex_init(&progress->mutex, NULL);
    progress->total = total;
    return progress;
}

void progress_step(struct progress *progress, const char *file)
{
    if (!progress)
        return;
    pthread_mutex_lock(&progress->mutex);
    progress->done++;
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", progress->done, progress->total, file);
    fflush(stderr);
    pthread_mutex_unlock(&progress->mutex);
}

void progress_finish(struct progress *progress)
{
    if (!progress)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    pthread_mutex_destroy(&progress->mutex);
    free(progress);
}
