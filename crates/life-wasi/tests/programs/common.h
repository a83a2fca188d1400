/* Helpers shared by the test programs: errno names that read the same on WASI and Linux. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The symbolic name of an errno value; the numbers differ between wasi-libc and glibc. */
static const char *errname(int e) {
    switch (e) {
    case 0: return "OK";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EROFS: return "EROFS";
    case ELOOP: return "ELOOP";
    case EXDEV: return "EXDEV";
#ifdef ENOTCAPABLE
    case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
    default: return strerror(e);
    }
}

/* Prints what a call returned: "ok" or the errno's name. */
#define CHECK(label, expr) \
    do { \
        errno = 0; \
        long r_ = (long)(expr); \
        printf("%s: %s\n", label, r_ < 0 ? errname(errno) : "ok"); \
    } while (0)
