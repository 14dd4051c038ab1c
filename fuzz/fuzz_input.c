/*
 * fuzz_input.c: in-memory files for the fuzz targets (see fuzz_input.h).
 */
#define _GNU_SOURCE
#include "fuzz_input.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int fuzz_file_open(struct fuzz_file *file, const uint8_t *data, size_t size)
{
    file->fd = memfd_create("lockcheck-fuzz", MFD_CLOEXEC);
    if (file->fd < 0)
        return 0;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(file->fd, data + done, size - done);
        if (n <= 0) {
            close(file->fd);
            return 0;
        }
        done += (size_t)n;
    }
    snprintf(file->path, sizeof file->path, "/proc/self/fd/%d", file->fd);
    return 1;
}

void fuzz_file_close(struct fuzz_file *file)
{
    close(file->fd);
}
