// Calls that end the process (exit, _exit, abort, a failed assert) do not
// leak a lock: nobody is left to wait for it. Silent.
// RUN: %lockcheck %s -- -std=gnu11 | count 0
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_file;

__attribute__((noreturn)) static void die(const char *why)
{
    fputs(why, stderr);
    exit(1);
}

_Noreturn static void die_fast(void)
{
    _exit(2);
}

void log_line(const char *line)
{
    pthread_mutex_lock(&log_lock);
    if (!log_file)
        abort();
    if (fputs(line, log_file) < 0)
        exit(3);
    if (line[0] == '!')
        die("bang\n");
    if (line[0] == '?')
        die_fast();
    assert(line[0] != '#');
    pthread_mutex_unlock(&log_lock);
}
