/*
 * counter.c: ten worker threads count words in lines of text and add them to
 * a shared total, the C version of the Rust book's "ten threads, one
 * Mutex<i32>" example. The total is annotated as guarded by its mutex, so
 * lockcheck checks every access; a statistics handle is marked not
 * thread-safe.
 *
 * Build: cc -std=c11 -pthread counter.c -o counter
 */
#include <lockcheck.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define WORKERS 10

struct total {
    pthread_mutex_t mu;
    long words LC_GUARDED_BY(mu);
    long lines LC_GUARDED_BY(mu);
};

/* Keeps a running average with plain (non-atomic) updates: one thread only. */
struct LC_NOT_THREAD_SAFE stats {
    long samples;
    double mean;
};

struct job {
    struct total *total;
    struct stats *stats;
    char line[128];
};

static void stats_add(struct stats *s, long value)
{
    s->samples++;
    s->mean += (value - s->mean) / s->samples;
}

static long count_words(char *line)
{
    long n = 0;
    for (char *w = strtok(line, " \t"); w; w = strtok(NULL, " \t"))
        n++;
    return n;
}

static void *worker(void *arg)
{
    struct job *job = arg;
    long n = count_words(job->line);
    pthread_mutex_lock(&job->total->mu);
    job->total->words += n;
    pthread_mutex_unlock(&job->total->mu);
    job->total->lines++;
    stats_add(job->stats, n);
    return NULL;
}

int count_all(const char *const *lines, long *words)
{
    struct total total = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct stats stats = {0};
    struct job jobs[WORKERS];
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        jobs[i] = (struct job){.total = &total, .stats = &stats};
        snprintf(jobs[i].line, sizeof jobs[i].line, "%s", lines[i]);
        if (pthread_create(&threads[i], NULL, worker, &jobs[i]) != 0)
            return -1;
    }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    pthread_mutex_lock(&total.mu);
    *words = total.words;
    pthread_mutex_unlock(&total.mu);
    return 0;
}

int main(void)
{
    static const char *const lines[WORKERS] = {
        "one", "two words", "now three words", "a b c d", "e", "f g",
        "h i j", "k", "l m", "n o p q r"};
    long words;
    if (count_all(lines, &words) != 0)
        return 1;
    printf("%ld words\n", words);
    return 0;
}
