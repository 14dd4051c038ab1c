/*
 * file_text.c: a regular file's text, read whole (see file_text.h).
 */
#include "util/file_text.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/memory.h"

char *file_text_read(const char *path, size_t max_bytes, size_t *size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *data = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max_bytes) {
        data = xmalloc((size_t)st.st_size + 1);
        size_t got = 0;
        ssize_t n;
        while (got < (size_t)st.st_size && (n = read(fd, data + got, (size_t)st.st_size - got)) > 0)
            got += (size_t)n;
        data[got] = '\0';
        if (size)
            *size = got;
    }
    close(fd);
    return data;
}
