/*
 * worker_process.c: the pool of worker processes (see worker_process.h).
 *
 *   parent: start workers -> loop { hand out tasks; poll the workers'
 *   channels and standard errors; a message -> the task's outcome; a
 *   worker gone -> its task's error, a fresh worker } -> stop the workers
 *   worker: a thread with the large stack -> loop { read a task number
 *   (and the round's message, and news); limit memory; run; lift the limit; send
 *   the message }
 *   With rounds, the parent's loop runs once a round, with the same workers.
 *
 * A message is WORKER_MESSAGE_PARTS 64-bit lengths (UINT64_MAX for a NULL
 * part) and a 64-bit word of flags (MESSAGE_LAST, _KEPT, _REUSED), followed
 * by the parts' bytes; a task is its 64-bit number and the 64-bit lengths
 * of the round's message and of the news (UINT64_MAX: none), followed by
 * their bytes.
 * The parent is single-threaded, so the tasks' slots need no lock.
 */
#define _GNU_SOURCE /* pipe2 */
#include "driver/worker_process.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver/crash_guard.h"
#include "report/finding.h"
#include "util/memory.h"
#include "util/strbuf.h"

#define NO_TASK SIZE_MAX
#define ABSENT_PART UINT64_MAX
/* No message part is this long: a longer length is a broken stream. */
#define PART_LIMIT (UINT64_C(1) << 40)
#define MESSAGE_LAST 1u
#define MESSAGE_KEPT 2u
#define MESSAGE_REUSED 4u
/* What the parent keeps, per task, of a worker's standard error. */
#define CAPTURE_LIMIT (256u * 1024u)
/* How much of a line is searched for the out-of-memory messages. */
#define MARKER_LINE 160

/* A worker's standard error during one task. */
struct capture {
    struct strbuf text;         /* the first CAPTURE_LIMIT bytes, relayed after the task */
    char line[MARKER_LINE + 1]; /* the start of the current line */
    size_t line_length;
    bool out_of_memory;         /* a line said the worker ran out of memory */
};

struct worker {
    pid_t pid;                  /* 0: not running */
    int channel;                /* the parent's end: task numbers out, messages in */
    int errors;                 /* the read end of the worker's standard error */
    size_t task;                /* the task it is doing, or NO_TASK */
    unsigned round;             /* the last round whose message it was sent */
    size_t news_cursor;         /* where its news (tasks->news) go on from */
    bool retiring;              /* given no more tasks: it ends at end of file */
    bool broken;                /* sent what is not a message: killed */
    bool timed_out;             /* still on its task past the time limit: killed */
    struct timespec started;    /* when it was given its task (CLOCK_MONOTONIC) */
    struct strbuf inbox;        /* the bytes of the message being received */
    struct capture capture;
};

struct pool_run {
    const struct worker_tasks *tasks;
    unsigned limit_mib;
    unsigned limit_seconds;     /* per task; 0: none */
    struct worker *workers;
    unsigned worker_count;
    size_t next;                /* the tasks before it (in tasks->order) are taken this round */
    bool *taken;                /* per task: handed out, or over, in this round */
    pid_t *holder;              /* per task: the worker that kept its state, or 0 */
    unsigned round;             /* from 1 */
    char *round_message;        /* for the workers' begin_round, or NULL */
    int start_errno;            /* why the last worker could not be started */
};

/* ---- limits (in the worker) ---------------------------------------------------------- */

/* The process's data size (private writable memory: what RLIMIT_DATA
 * counts) in bytes, from /proc/self/statm, without allocating; 0 when it
 * cannot be read. */
static uint64_t data_size(void)
{
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char text[256];
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return 0;
    text[n] = '\0';
    unsigned long long size, resident, shared, code, lib, data;
    if (sscanf(text, "%llu %llu %llu %llu %llu %llu", &size, &resident, &shared, &code, &lib, &data) != 6)
        return 0;
    return (uint64_t)data * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* The next task may take `limit_mib` MiB more than the worker holds now. */
static void limit_memory(unsigned limit_mib)
{
    struct rlimit limit;
    uint64_t now = data_size();
    if (now == 0 || getrlimit(RLIMIT_DATA, &limit) != 0)
        return;
    uint64_t wanted = now + ((uint64_t)limit_mib << 20);
    limit.rlim_cur = limit.rlim_max != RLIM_INFINITY && wanted > limit.rlim_max ? limit.rlim_max : wanted;
    setrlimit(RLIMIT_DATA, &limit);
}

/* Encoding and sending the outcome must not fail for want of memory. */
static void lift_memory_limit(void)
{
    struct rlimit limit;
    if (getrlimit(RLIMIT_DATA, &limit) != 0)
        return;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_DATA, &limit);
}

/* ---- the channel -------------------------------------------------------------------- */

/* Sends or receives exactly `length` bytes; false when the other end is
 * gone. Sending never raises SIGPIPE. */
static bool transfer_all(int fd, void *bytes, size_t length, bool sending)
{
    char *p = bytes;
    while (length > 0) {
        ssize_t n = sending ? send(fd, p, length, MSG_NOSIGNAL) : read(fd, p, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        length -= (size_t)n;
    }
    return true;
}

static bool send_all(int fd, const void *bytes, size_t length)
{
    return transfer_all(fd, (void *)bytes, length, true);
}

static bool send_message(int fd, const struct worker_message *message)
{
    uint64_t lengths[WORKER_MESSAGE_PARTS + 1];
    for (size_t p = 0; p < WORKER_MESSAGE_PARTS; p++)
        lengths[p] = message->parts[p] ? strlen(message->parts[p]) : ABSENT_PART;
    lengths[WORKER_MESSAGE_PARTS] = (message->last ? MESSAGE_LAST : 0) | (message->kept ? MESSAGE_KEPT : 0) |
                                     (message->reused ? MESSAGE_REUSED : 0);
    bool sent = send_all(fd, lengths, sizeof lengths);
    for (size_t p = 0; sent && p < WORKER_MESSAGE_PARTS; p++)
        if (message->parts[p])
            sent = send_all(fd, message->parts[p], (size_t)lengths[p]);
    return sent;
}

static void message_free(struct worker_message *message)
{
    for (size_t p = 0; p < WORKER_MESSAGE_PARTS; p++)
        free(message->parts[p]);
    memset(message, 0, sizeof *message);
}

/* 1 when `inbox` starts with a whole message (taken out of it into
 * *message), 0 when it does not yet, -1 when it cannot be one. */
static int take_message(struct strbuf *inbox, struct worker_message *message)
{
    uint64_t lengths[WORKER_MESSAGE_PARTS + 1];
    if (inbox->len < sizeof lengths)
        return 0;
    memcpy(lengths, inbox->data, sizeof lengths);
    uint64_t total = sizeof lengths;
    for (size_t p = 0; p < WORKER_MESSAGE_PARTS; p++) {
        if (lengths[p] != ABSENT_PART && lengths[p] >= PART_LIMIT)
            return -1;
        total += lengths[p] == ABSENT_PART ? 0 : lengths[p];
    }
    if (inbox->len < total)
        return 0;
    size_t at = sizeof lengths;
    for (size_t p = 0; p < WORKER_MESSAGE_PARTS; p++) {
        message->parts[p] = NULL;
        if (lengths[p] == ABSENT_PART)
            continue;
        message->parts[p] = xmalloc((size_t)lengths[p] + 1);
        memcpy(message->parts[p], inbox->data + at, (size_t)lengths[p]);
        message->parts[p][lengths[p]] = '\0';
        at += (size_t)lengths[p];
    }
    message->last = (lengths[WORKER_MESSAGE_PARTS] & MESSAGE_LAST) != 0;
    message->kept = (lengths[WORKER_MESSAGE_PARTS] & MESSAGE_KEPT) != 0;
    message->reused = (lengths[WORKER_MESSAGE_PARTS] & MESSAGE_REUSED) != 0;
    memmove(inbox->data, inbox->data + at, inbox->len - at);
    inbox->len -= at;
    return 1;
}

/* ---- the worker ----------------------------------------------------------------------- */

struct worker_side {
    const struct pool_run *run;
    int channel;
};

/* The worker process's data size when it started serving, and its limit
 * (worker_may_keep); limit 0 in the parent. */
static uint64_t served_from;
static unsigned served_limit_mib;

bool worker_may_keep(void)
{
    return served_limit_mib > 0 && data_size() <= served_from + ((uint64_t)served_limit_mib << 19);
}

/* One text of a task's header (length `length`, ABSENT_PART: none),
 * handed to `take`; false when the channel broke. */
static bool read_text(const struct worker_side *side, uint64_t length,
                      void (*take)(void *data, const char *text))
{
    if (length == ABSENT_PART)
        return true;
    if (length >= PART_LIMIT)
        return false;
    char *text = xmalloc((size_t)length + 1);
    bool read = transfer_all(side->channel, text, (size_t)length, false);
    text[length] = '\0';
    if (read && take)
        take(side->run->tasks->data, text);
    free(text);
    return read;
}

/* The next task's number, after the round's message and the news that
 * come with it (handed to begin_round and hear); false when the parent
 * closed the channel. */
static bool read_task(const struct worker_side *side, uint64_t *task)
{
    const struct worker_tasks *tasks = side->run->tasks;
    uint64_t header[3];
    if (!transfer_all(side->channel, header, sizeof header, false) ||
        !read_text(side, header[1], tasks->begin_round) || !read_text(side, header[2], tasks->hear))
        return false;
    *task = header[0];
    return true;
}

/* On the worker's large-stack thread: tasks until the parent closes the
 * channel, a task crashes, or the worker has grown too much. */
static void *serve_tasks(void *arg)
{
    const struct worker_side *side = arg;
    const struct worker_tasks *tasks = side->run->tasks;
    unsigned limit_mib = side->run->limit_mib;
    void *signal_stack = crash_guard_thread_start();
    CXIndex index = clang_createIndex(0, 0);
    uint64_t start = data_size(), task;
    served_from = start;
    served_limit_mib = limit_mib;
    while (read_task(side, &task) && task < tasks->count) {
        limit_memory(limit_mib);
        bool ok = tasks->run(tasks->data, (size_t)task, index);
        lift_memory_limit();
        fflush(stdout); /* --dump-cfg */
        struct worker_message message = {{NULL}, false, false, false};
        tasks->encode(tasks->data, (size_t)task, &message);
        bool last = !ok || data_size() > start + ((uint64_t)limit_mib << 20);
        message.last = last;
        if (!send_message(side->channel, &message))
            _exit(1);
        message_free(&message);
        if (last)
            break;
    }
    crash_guard_thread_end(signal_stack);
    _exit(0); /* nothing to clean up: the parent has the results */
}

/* In the new process: standard error to the parent, no core file, then
 * the tasks on a thread with the stack parsing needs. Never returns. */
static void become_worker(const struct pool_run *run, int channel, int errors)
{
    for (unsigned w = 0; w < run->worker_count; w++)
        if (run->workers[w].pid > 0) {
            close(run->workers[w].channel);
            close(run->workers[w].errors);
        }
    dup2(errors, STDERR_FILENO);
    close(errors);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    struct worker_side side = {run, channel};
    pthread_t thread;
    if (crash_guard_start_thread(&thread, serve_tasks, &side))
        pthread_join(thread, NULL);
    else
        serve_tasks(&side);
    _exit(0);
}

/* ---- the parent: workers -------------------------------------------------------------- */

static void set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static bool start_worker(struct pool_run *run, struct worker *w)
{
    int channel[2], errors[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0) {
        run->start_errno = errno;
        return false;
    }
    if (pipe2(errors, O_CLOEXEC) != 0) {
        run->start_errno = errno;
        close(channel[0]);
        close(channel[1]);
        return false;
    }
    fflush(stdout); /* or the worker would write the parent's buffer again */
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        close(channel[0]);
        close(errors[0]);
        become_worker(run, channel[1], errors[1]);
    }
    close(channel[1]);
    close(errors[1]);
    if (pid < 0) {
        run->start_errno = errno;
        close(channel[0]);
        close(errors[0]);
        return false;
    }
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->channel = channel[0];
    w->errors = errors[0];
    w->task = NO_TASK;
    set_nonblocking(w->channel);
    set_nonblocking(w->errors);
    return true;
}

/* ---- the parent: what a worker writes on standard error ------------------------------ */

static bool says_out_of_memory(const char *line)
{
    static const char *const starts[] = {
        "LLVM ERROR: out of memory",            /* LLVM's allocation failure */
        "lockcheck: error: out of memory",      /* util/memory.c */
        "terminate called after throwing an instance of 'std::bad_alloc'",
    };
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (strncmp(line, starts[i], strlen(starts[i])) == 0)
            return true;
    /* ==PID==ERROR: AddressSanitizer: out of memory: ... (sanitizer builds) */
    return strncmp(line, "==", 2) == 0 &&
           (strstr(line, "Sanitizer: out of memory") || strstr(line, "Sanitizer: requested allocation size") ||
            strstr(line, "Sanitizer failed to allocate"));
}

static void capture_add(struct capture *c, const char *bytes, size_t n)
{
    size_t room = CAPTURE_LIMIT - c->text.len;
    strbuf_append_n(&c->text, bytes, n < room ? n : room);
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
            c->line[c->line_length] = '\0';
            c->out_of_memory |= says_out_of_memory(c->line);
            c->line_length = 0;
        } else if (c->line_length < MARKER_LINE) {
            c->line[c->line_length++] = bytes[i];
        }
    }
}

/* Reads what the worker wrote; false at end of file. */
static bool read_errors(struct worker *w)
{
    char buffer[65536];
    for (;;) {
        ssize_t n = read(w->errors, buffer, sizeof buffer);
        if (n > 0)
            capture_add(&w->capture, buffer, (size_t)n);
        else if (n < 0 && errno == EINTR)
            continue;
        else
            return n < 0; /* EAGAIN: open; 0 or an error: closed */
    }
}

/* Takes out of `text` the reports libclang prints when its crash recovery
 * caught a crash: a line "libclang: crash detected ...: {", the command
 * line and options, up to a line "}" (or the end, when the capture was
 * cut). The file's one-line error says it already ("clang crashed while
 * parsing it"). */
static void drop_crash_reports(struct strbuf *text)
{
    static const char start[] = "libclang: crash detected";
    size_t kept = 0, at = 0;
    bool inside = false;
    while (at < text->len) {
        const char *line = text->data + at;
        const char *newline = memchr(line, '\n', text->len - at);
        size_t length = newline ? (size_t)(newline - line) + 1 : text->len - at;
        bool drop = inside;
        if (inside)
            inside = !(line[0] == '}' && (length == 1 || line[1] == '\n'));
        else if (length >= sizeof start - 1 && memcmp(line, start, sizeof start - 1) == 0)
            drop = inside = true;
        if (!drop) {
            memmove(text->data + kept, line, length);
            kept += length;
        }
        at += length;
    }
    text->len = kept;
}

/* Ends the task's capture: whether it said the worker ran out of memory.
 * Its text goes to our standard error, as if the worker had written it
 * there (less libclang's crash reports), unless `relay` is false. */
static bool end_capture(struct capture *c, bool relay)
{
    if (c->line_length > 0) {
        c->line[c->line_length] = '\0';
        c->out_of_memory |= says_out_of_memory(c->line);
    }
    bool out_of_memory = c->out_of_memory;
    drop_crash_reports(&c->text);
    if (relay && !out_of_memory && c->text.len > 0)
        fwrite(c->text.data, 1, c->text.len, stderr);
    free(c->text.data);
    memset(c, 0, sizeof *c);
    return out_of_memory;
}

/* ---- the parent: tasks ---------------------------------------------------------------- */

/* The live worker, other than `w`, that kept task i's state and will
 * take it (not one that is ending). */
static bool held_by_other(const struct pool_run *run, size_t i, const struct worker *w)
{
    if (run->holder[i] == 0 || (w && w->pid == run->holder[i]))
        return false;
    for (unsigned k = 0; k < run->worker_count; k++)
        if (run->workers[k].pid == run->holder[i])
            return !run->workers[k].retiring;
    return false;
}

/* The task handed out at `position` of the round. */
static size_t task_at(const struct pool_run *run, size_t position)
{
    return run->tasks->order ? run->tasks->order[position] : position;
}

/* The next task of the round that needs a worker, for worker `w` (NULL:
 * any), or NO_TASK; the tasks passed that need none are finished here. A
 * task another worker holds is left to it. */
static size_t next_task(struct pool_run *run, const struct worker *w)
{
    const struct worker_tasks *tasks = run->tasks;
    size_t found = NO_TASK;
    for (size_t p = run->next; p < tasks->count && found == NO_TASK; p++) {
        size_t i = task_at(run, p);
        if (run->taken[i] || (tasks->needs_run(tasks->data, i) && held_by_other(run, i, w)))
            continue;
        run->taken[i] = true;
        if (tasks->needs_run(tasks->data, i))
            found = i;
        else
            tasks->finished(tasks->data, i);
    }
    while (run->next < tasks->count && run->taken[task_at(run, run->next)])
        run->next++;
    return found;
}

static bool tasks_remain(const struct pool_run *run)
{
    for (size_t p = run->next; p < run->tasks->count; p++)
        if (!run->taken[task_at(run, p)] && run->tasks->needs_run(run->tasks->data, task_at(run, p)))
            return true;
    return false;
}

static void fail_task(struct pool_run *run, size_t task, char *error)
{
    run->tasks->fail(run->tasks->data, task, error);
    run->tasks->finished(run->tasks->data, task);
}

static char *out_of_memory_error(const struct pool_run *run, size_t task)
{
    return str_printf("%s: ran out of memory (limit %u MiB; --memory-limit changes it)",
                      run->tasks->file(run->tasks->data, task), run->limit_mib);
}

static void hand_out_tasks(struct pool_run *run)
{
    for (unsigned i = 0; i < run->worker_count; i++) {
        struct worker *w = &run->workers[i];
        if (w->pid <= 0 || w->retiring || w->task != NO_TASK)
            continue;
        size_t task = next_task(run, w);
        if (task == NO_TASK)
            continue; /* another worker holds what is left */
        bool with_message = run->round_message && w->round != run->round;
        char *news = run->tasks->news ? run->tasks->news(run->tasks->data, &w->news_cursor) : NULL;
        uint64_t header[3] = {task, with_message ? strlen(run->round_message) : ABSENT_PART,
                              news ? strlen(news) : ABSENT_PART};
        w->task = task;
        w->round = run->round;
        clock_gettime(CLOCK_MONOTONIC, &w->started);
        if (!send_all(w->channel, header, sizeof header) ||
            (with_message && !send_all(w->channel, run->round_message, (size_t)header[1])) ||
            (news && !send_all(w->channel, news, (size_t)header[2])))
            w->retiring = true; /* it is gone: its end of file says how */
        free(news);
    }
}

/* A whole message arrived for the worker's task. */
static void task_done(struct pool_run *run, struct worker *w, struct worker_message *message)
{
    const struct worker_tasks *tasks = run->tasks;
    size_t task = w->task;
    w->task = NO_TASK;
    read_errors(w); /* what it wrote before the message is in the pipe */
    if (end_capture(&w->capture, true)) {
        /* The crash it caused is not the file's error. The worker's heap
         * may be in pieces: it ends, and a fresh one takes the next task. */
        fail_task(run, task, out_of_memory_error(run, task));
        w->retiring = true;
        shutdown(w->channel, SHUT_WR);
        return;
    }
    w->retiring = message->last;
    run->holder[task] = message->kept && !message->last ? w->pid : 0;
    tasks->decode(tasks->data, task, message);
    tasks->finished(tasks->data, task);
}

/* Why a worker that ended during a task did not finish it. */
static char *death_error(const struct pool_run *run, const struct worker *w, int status,
                         bool out_of_memory)
{
    const char *file = run->tasks->file(run->tasks->data, w->task);
    if (out_of_memory)
        return out_of_memory_error(run, w->task);
    if (w->broken)
        return str_printf("%s: the process checking it sent back a malformed result", file);
    if (w->timed_out)
        return str_printf("%s: not checked within %u s (--file-timeout changes it); the process "
                          "checking it was stopped", file, run->limit_seconds);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        return str_printf("%s: killed (signal %d) while being checked, most likely because the "
                          "system ran out of memory", file, SIGKILL);
    if (WIFSIGNALED(status))
        return str_printf("%s: crashed (signal %d: %s)", file, WTERMSIG(status), strsignal(WTERMSIG(status)));
    return str_printf("%s: the process checking it ended unexpectedly (exit status %d)", file,
                      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* The worker's channel reached its end: the worker has ended. Its task,
 * if any, failed; a fresh worker replaces it while tasks remain. */
static void worker_ended(struct pool_run *run, struct worker *w)
{
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
    }
    while (read_errors(w)) {
        /* dead: its standard error reaches its end at once */
    }
    close(w->channel);
    close(w->errors);
    bool out_of_memory = end_capture(&w->capture, true);
    if (w->task != NO_TASK)
        fail_task(run, w->task, death_error(run, w, status, out_of_memory));
    free(w->inbox.data);
    memset(w, 0, sizeof *w);
    w->task = NO_TASK;
    if (tasks_remain(run))
        start_worker(run, w);
}

/* Reads the worker's channel: messages, then maybe its end. */
static void read_channel(struct pool_run *run, struct worker *w)
{
    char buffer[65536];
    bool ended = false;
    for (;;) {
        ssize_t n = read(w->channel, buffer, sizeof buffer);
        if (n > 0) {
            strbuf_append_n(&w->inbox, buffer, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        ended = n == 0 || errno != EAGAIN;
        break;
    }
    struct worker_message message;
    int taken;
    while (w->task != NO_TASK && (taken = take_message(&w->inbox, &message)) != 0) {
        if (taken < 0) {
            w->broken = true;
            kill(w->pid, SIGKILL);
            break;
        }
        task_done(run, w, &message);
        message_free(&message);
    }
    if (ended)
        worker_ended(run, w);
}

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* How long poll may wait before a busy worker passes the time limit (ms;
 * -1: no limit), after killing those already past it (their end of file
 * then says why, death_error). */
static int stop_overdue_workers(struct pool_run *run)
{
    if (run->limit_seconds == 0)
        return -1;
    long limit = (long)run->limit_seconds * 1000, wait = -1;
    for (unsigned i = 0; i < run->worker_count; i++) {
        struct worker *w = &run->workers[i];
        if (w->pid <= 0 || w->task == NO_TASK || w->timed_out)
            continue;
        long left = limit - elapsed_ms(&w->started);
        if (left <= 0) {
            w->timed_out = true;
            kill(w->pid, SIGKILL);
        } else if (wait < 0 || left < wait) {
            wait = left;
        }
    }
    return wait < 0 ? -1 : (int)(wait < 60000 ? wait : 60000);
}

/* Waits for any worker to write, or for one to pass the time limit, and
 * reads what they wrote. */
static void poll_workers(struct pool_run *run)
{
    int timeout = stop_overdue_workers(run);
    struct pollfd *fds = xcalloc(2 * (size_t)run->worker_count + 1, sizeof *fds);
    for (unsigned i = 0; i < run->worker_count; i++) {
        const struct worker *w = &run->workers[i];
        fds[2 * i] = (struct pollfd){w->pid > 0 ? w->channel : -1, POLLIN, 0};
        fds[2 * i + 1] = (struct pollfd){w->pid > 0 ? w->errors : -1, POLLIN, 0};
    }
    if (poll(fds, 2 * (nfds_t)run->worker_count, timeout) > 0)
        for (unsigned i = 0; i < run->worker_count; i++) {
            struct worker *w = &run->workers[i];
            if (w->pid > 0 && fds[2 * i + 1].revents)
                read_errors(w);
            if (w->pid > 0 && fds[2 * i].revents)
                read_channel(run, w);
        }
    free(fds);
}

static bool any_worker(const struct pool_run *run, bool busy)
{
    for (unsigned i = 0; i < run->worker_count; i++)
        if (run->workers[i].pid > 0 && (!busy || run->workers[i].task != NO_TASK))
            return true;
    return false;
}

/* Every task is over: the workers read the end of their channel and end. */
static void stop_workers(struct pool_run *run)
{
    for (unsigned i = 0; i < run->worker_count; i++)
        if (run->workers[i].pid > 0)
            shutdown(run->workers[i].channel, SHUT_WR);
    while (any_worker(run, false))
        poll_workers(run);
    free(run->workers);
}

/* No worker could be started again: the tasks left are not done. */
static void fail_remaining(struct pool_run *run)
{
    size_t task;
    while ((task = next_task(run, NULL)) != NO_TASK)
        fail_task(run, task, str_printf("%s: not checked: lockcheck could not start a process to "
                                        "check it (%s)",
                                        run->tasks->file(run->tasks->data, task), strerror(run->start_errno)));
}

/* One round: every task that needs a run, run or failed. */
static void run_round(struct pool_run *run)
{
    for (;;) {
        hand_out_tasks(run);
        if (any_worker(run, true)) {
            poll_workers(run);
            continue;
        }
        if (!tasks_remain(run))
            break;
        if (!any_worker(run, false)) {
            fail_remaining(run);
            break;
        }
        poll_workers(run); /* only retiring workers: wait for their end */
    }
    while (next_task(run, NULL) != NO_TASK) {
        /* none left to run: the rest are finished by next_task */
    }
}

/* Workers in the empty slots, as many as the tasks left to run need;
 * false when none runs. */
static bool fill_slots(struct pool_run *run)
{
    const struct worker_tasks *tasks = run->tasks;
    size_t pending = 0;
    for (size_t p = run->next; p < tasks->count && pending < run->worker_count; p++)
        pending += !run->taken[task_at(run, p)] && tasks->needs_run(tasks->data, task_at(run, p));
    size_t live = 0;
    for (unsigned i = 0; i < run->worker_count; i++)
        live += run->workers[i].pid > 0;
    for (unsigned i = 0; i < run->worker_count && live < pending; i++)
        if (run->workers[i].pid <= 0 && start_worker(run, &run->workers[i]))
            live++;
    return live > 0;
}

bool worker_processes_run(const struct worker_tasks *tasks, unsigned jobs, unsigned limit_mib,
                          unsigned limit_seconds)
{
    struct pool_run run = {.tasks = tasks, .limit_mib = limit_mib, .limit_seconds = limit_seconds,
                           .round = 1};
    signal(SIGCHLD, SIG_DFL); /* an inherited SIG_IGN would leave no status to wait for */
    run.worker_count = jobs < tasks->count ? jobs : (unsigned)tasks->count;
    if (run.worker_count == 0)
        run.worker_count = 1;
    run.workers = xcalloc(run.worker_count, sizeof *run.workers);
    for (unsigned i = 0; i < run.worker_count; i++)
        run.workers[i].task = NO_TASK;
    run.taken = xcalloc(tasks->count + 1, sizeof *run.taken);
    run.holder = xcalloc(tasks->count + 1, sizeof *run.holder);
    if (!fill_slots(&run) && tasks_remain(&run)) {
        free(run.workers);
        free(run.taken);
        free(run.holder);
        return false;
    }
    run_round(&run);
    char *message = NULL;
    while (tasks->next_round && tasks->next_round(tasks->data, &message)) {
        free(run.round_message);
        run.round_message = message;
        run.round++;
        run.next = 0;
        memset(run.taken, 0, tasks->count * sizeof *run.taken);
        if (fill_slots(&run) || !tasks_remain(&run))
            run_round(&run);
        else
            fail_remaining(&run);
        message = NULL;
    }
    stop_workers(&run);
    free(run.round_message);
    free(run.taken);
    free(run.holder);
    return true;
}

/* ---- the default limit --------------------------------------------------------------- */

/* The memory this process may use, in MiB: the machine's, or a cgroup's
 * limit when lower (a container). */
static uint64_t usable_memory_mib(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    uint64_t mib = pages > 0 && page_size > 0 ? ((uint64_t)pages * (uint64_t)page_size) >> 20 : 8192;
    FILE *in = fopen("/sys/fs/cgroup/memory.max", "r");
    unsigned long long cgroup;
    if (in && fscanf(in, "%llu", &cgroup) == 1 && (cgroup >> 20) < mib)
        mib = cgroup >> 20;
    if (in)
        fclose(in);
    return mib;
}

unsigned worker_default_memory_limit(unsigned jobs)
{
    uint64_t half = usable_memory_mib() / 2;
    uint64_t share = half / (jobs ? jobs : 1);
    uint64_t floor = half < 1024 ? half : 1024;
    uint64_t limit = share > floor ? share : floor;
    if (limit < 1)
        limit = 1;
    return limit > UINT_MAX ? UINT_MAX : (unsigned)limit;
}
