/*
 * counter.c: ten worker threads count the words of ten lines and add them to
 * a shared total: the C version of the Rust book's "ten threads, one
 * Mutex<i32>" example. The total's fields are annotated as guarded by its
 * mutex, so lockcheck checks every access, and the statistics type is marked
 * not thread-safe (its updates are plain, like Rust's Rc count).
 *
 * Build: cc -std=c11 -pthread -I../../include counter.c -o counter
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

/* A running mean updated without synchronisation: one thread at a time. */
struct LC_NOT_THREAD_SAFE stats {
    long samples;
    double mean;
};

struct job {
    struct total *total;
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
    return NULL;
}

static void *report(void *arg)
{
    struct stats *s = arg;
    printf("%ld lines so far, %.1f words on average\n", s->samples, s->mean);
    return NULL;
}

int count_all(const char *const *lines, long *words)
{
    struct total total = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct stats stats = {0};
    struct job jobs[WORKERS];
    pthread_t threads[WORKERS], reporter;
    for (int i = 0; i < WORKERS; i++) {
        jobs[i].total = &total;
        snprintf(jobs[i].line, sizeof jobs[i].line, "%s", lines[i]);
        if (pthread_create(&threads[i], NULL, worker, &jobs[i]) != 0)
            return -1;
    }
    pthread_create(&reporter, NULL, report, &stats);
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(threads[i], NULL);
        stats_add(&stats, (long)strlen(lines[i]));
    }
    pthread_join(reporter, NULL);
    pthread_mutex_lock(&total.mu);
    *words = total.words;
    pthread_mutex_unlock(&total.mu);
    return 0;
}

/* The seed's Rc example: a tally shared by reference counting whose count
 * is a plain long (Rust's Rc, which thread::spawn refuses). rc_clone only
 * bumps the count and returns the same tally, so the ten "clones" are one
 * object that ten threads update at once. */
struct LC_NOT_THREAD_SAFE tally {
    long refs;
    long lines;
};

static struct tally *rc_clone(struct tally *t)
{
    t->refs++;
    return t;
}

static void rc_drop(struct tally *t)
{
    t->refs--;
}

static void *tally_line(void *arg)
{
    struct tally *t = arg;
    t->lines++;
    rc_drop(t);
    return NULL;
}

long tally_lines(void)
{
    struct tally counter = {.refs = 1};
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&threads[i], NULL, tally_line, rc_clone(&counter));
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    rc_drop(&counter);
    return counter.lines;
}

int main(void)
{
    static const char *const lines[WORKERS] = {
        "one", "two words", "now three words", "a b c d", "e", "f g",
        "h i j", "k", "l m", "n o p q r"};
    long words;
    if (count_all(lines, &words) != 0)
        return 1;
    printf("%ld words, %ld lines tallied\n", words, tally_lines());
    return 0;
}
