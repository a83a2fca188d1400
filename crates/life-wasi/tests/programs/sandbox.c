/* Tries to leave the sandbox through raw WASI calls, and to write under a read-only preopen
 * through libc. WASI only: there is no native build to compare with.
 *
 * Expects preopen 3 named "." holding inside.txt and sub/, and the symbolic links escape-abs
 * (to an absolute path outside), escape-rel (to ../outside.txt) and escape-dir (to ..); a file
 * outside.txt next to the preopened directory; and preopen 4 named "ro", read-only, holding
 * readme.txt. Each attempt prints "denied (ERRNO)" or "ALLOWED". */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include <errno.h>

static const char *wasi_errname(int e) {
    switch (e) {
    case __WASI_ERRNO_SUCCESS: return "SUCCESS";
    case __WASI_ERRNO_NOTCAPABLE: return "NOTCAPABLE";
    case __WASI_ERRNO_PERM: return "PERM";
    case __WASI_ERRNO_ACCES: return "ACCES";
    case __WASI_ERRNO_NOENT: return "NOENT";
    case __WASI_ERRNO_LOOP: return "LOOP";
    case __WASI_ERRNO_XDEV: return "XDEV";
    case __WASI_ERRNO_ROFS: return "ROFS";
    case __WASI_ERRNO_BADF: return "BADF";
    case __WASI_ERRNO_NOTDIR: return "NOTDIR";
    case __WASI_ERRNO_INVAL: return "INVAL";
    case __WASI_ERRNO_EXIST: return "EXIST";
    case __WASI_ERRNO_FAULT: return "FAULT";
    case __WASI_ERRNO_NOSYS: return "NOSYS";
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "errno %d", e);
        return buf;
    }
    }
}

static void report(const char *what, int e) {
    if (e == 0) printf("%s: ALLOWED\n", what);
    else printf("%s: denied (%s)\n", what, wasi_errname(e));
}

static const __wasi_rights_t READ = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET;

static int try_open(__wasi_fd_t dir, const char *path, __wasi_lookupflags_t follow, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    int e = __wasi_path_open(dir, follow, path, oflags, READ, READ, 0, &fd);
    if (e == 0) __wasi_fd_close(fd);
    return e;
}

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

int main(void) {
    __wasi_prestat_t pre;
    char name[16] = {0};
    if (__wasi_fd_prestat_get(3, &pre) || __wasi_fd_prestat_dir_name(3, (uint8_t *)name, pre.u.dir.pr_name_len)) {
        printf("no preopen at fd 3\n");
        return 1;
    }
    printf("preopen 3: [%s]\n", name);
    report("sanity: open inside.txt", try_open(3, "inside.txt", FOLLOW, 0));
    report("sanity: open sub/../inside.txt", try_open(3, "sub/../inside.txt", FOLLOW, 0));

    report("open ../outside.txt", try_open(3, "../outside.txt", FOLLOW, 0));
    report("open sub/../../outside.txt", try_open(3, "sub/../../outside.txt", FOLLOW, 0));
    report("open /etc/passwd", try_open(3, "/etc/passwd", FOLLOW, 0));
    report("open ..", try_open(3, "..", FOLLOW, __WASI_OFLAGS_DIRECTORY));
    report("open escape-abs (follow)", try_open(3, "escape-abs", FOLLOW, 0));
    report("open escape-abs (nofollow)", try_open(3, "escape-abs", 0, 0));
    report("open escape-rel (follow)", try_open(3, "escape-rel", FOLLOW, 0));
    report("open escape-dir/outside.txt", try_open(3, "escape-dir/outside.txt", FOLLOW, 0));

    __wasi_filestat_t st;
    report("stat ../outside.txt", __wasi_path_filestat_get(3, FOLLOW, "../outside.txt", &st));
    report("stat escape-abs (follow)", __wasi_path_filestat_get(3, FOLLOW, "escape-abs", &st));
    report("sanity: stat escape-abs (nofollow)", __wasi_path_filestat_get(3, 0, "escape-abs", &st));
    report("set times ../outside.txt",
           __wasi_path_filestat_set_times(3, FOLLOW, "../outside.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    report("mkdir ../newdir", __wasi_path_create_directory(3, "../newdir"));
    report("unlink ../outside.txt", __wasi_path_unlink_file(3, "../outside.txt"));
    report("rmdir ..", __wasi_path_remove_directory(3, ".."));
    report("rename inside.txt -> ../stolen.txt", __wasi_path_rename(3, "inside.txt", 3, "../stolen.txt"));
    report("rename ../outside.txt -> taken.txt", __wasi_path_rename(3, "../outside.txt", 3, "taken.txt"));
    report("link ../outside.txt -> hard.txt", __wasi_path_link(3, 0, "../outside.txt", 3, "hard.txt"));
    report("link inside.txt -> ../hard.txt", __wasi_path_link(3, 0, "inside.txt", 3, "../hard.txt"));
    report("symlink /etc/passwd -> abs-link", __wasi_path_symlink("/etc/passwd", 3, "abs-link"));
    int made = __wasi_path_symlink("../outside.txt", 3, "rel-link");
    printf("symlink ../outside.txt -> rel-link: %s\n", made == 0 ? "made" : wasi_errname(made));
    report("open rel-link (follow)", try_open(3, "rel-link", FOLLOW, 0));
    if (made == 0) __wasi_path_unlink_file(3, "rel-link");

    __wasi_fd_t sub;
    /* No write rights: a directory opened for writing is ISDIR, as on POSIX. */
    __wasi_rights_t dir_rights = __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR;
    int e = __wasi_path_open(3, FOLLOW, "sub", __WASI_OFLAGS_DIRECTORY, dir_rights, -1, 0, &sub);
    report("sanity: open sub", e);
    if (e == 0) {
        report("open ../inside.txt from sub", try_open(sub, "../inside.txt", FOLLOW, 0));
        report("open ../../outside.txt from sub", try_open(sub, "../../outside.txt", FOLLOW, 0));
    }
    report("prestat of a bad fd", __wasi_fd_prestat_get(99, &pre));

    /* The read-only preopen, through libc. */
    struct stat s;
    int fd = open("ro/readme.txt", O_RDONLY);
    char buf[64] = {0};
    if (fd >= 0) read(fd, buf, sizeof buf - 1), close(fd);
    printf("ro: read readme.txt: %s", fd >= 0 ? buf : "FAILED\n");
    printf("ro: stat readme.txt: %s\n", stat("ro/readme.txt", &s) == 0 ? "ok" : "FAILED");
#define RO(what, expr) do { errno = 0; int r_ = (expr); printf("ro: %s: %s\n", what, r_ < 0 ? strerror(errno) : "ALLOWED"); if (r_ >= 0 && !strcmp(what, "open new file")) close(r_); } while (0)
    RO("open new file", open("ro/new.txt", O_WRONLY | O_CREAT, 0644));
    RO("open for writing", open("ro/readme.txt", O_WRONLY));
    RO("open with O_TRUNC", open("ro/readme.txt", O_RDONLY | O_TRUNC));
    RO("mkdir", mkdir("ro/dir", 0755));
    RO("unlink", unlink("ro/readme.txt"));
    RO("rename within", rename("ro/readme.txt", "ro/other.txt"));
    RO("rename out", rename("ro/readme.txt", "taken.txt"));
    RO("rename in", rename("inside.txt", "ro/inside.txt"));
    RO("symlink", symlink("readme.txt", "ro/link"));
    RO("truncate", truncate("ro/readme.txt", 0));
    /* Explicit times: Debian's wasi-libc (2022) rejects UTIME_NOW from its own headers. */
    struct timespec ts[2] = {{1, 0}, {2, 0}};
    RO("utimensat", utimensat(AT_FDCWD, "ro/readme.txt", ts, 0));
    return 0;
}
