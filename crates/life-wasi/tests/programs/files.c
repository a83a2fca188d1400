/* Files: create, write, read back, seek, stat, truncate, append, pread/pwrite, rename,
 * links, times and unlink, in the current directory. */
#include "common.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void show_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("cannot open %s: %s\n", path, errname(errno));
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) printf("  | %s", line);
    fclose(f);
}

int main(void) {
    FILE *f = fopen("data.txt", "w");
    if (!f) {
        printf("fopen for writing failed: %s\n", errname(errno));
        return 1;
    }
    for (int i = 1; i <= 3; i++) fprintf(f, "line %d of data\n", i);
    fclose(f);
    printf("wrote data.txt:\n");
    show_file("data.txt");

    int fd = open("data.txt", O_RDWR);
    printf("open O_RDWR: %s\n", fd >= 0 ? "ok" : errname(errno));
    off_t end = lseek(fd, 0, SEEK_END);
    printf("size by SEEK_END: %lld\n", (long long)end);
    printf("SEEK_SET 5: %lld\n", (long long)lseek(fd, 5, SEEK_SET));
    char buf[64] = {0};
    ssize_t n = read(fd, buf, 6);
    printf("read %zd: [%s]\n", n, buf);
    printf("SEEK_CUR +3: %lld\n", (long long)lseek(fd, 3, SEEK_CUR));
    n = write(fd, "DATA", 4);
    printf("overwrote %zd bytes\n", n);
    printf("SEEK_CUR -100: %s\n", lseek(fd, -100, SEEK_CUR) < 0 ? errname(errno) : "succeeded");
    memset(buf, 0, sizeof buf);
    n = pread(fd, buf, 10, 15);
    printf("pread 10 at 15: %zd [%s]\n", n, buf);
    n = pwrite(fd, "ONE", 3, 5);
    printf("pwrite 3 at 5: %zd, position still %lld\n", n, (long long)lseek(fd, 0, SEEK_CUR));
    struct stat st;
    fstat(fd, &st);
    printf("fstat: size %lld, regular %d, directory %d, links %d\n", (long long)st.st_size, S_ISREG(st.st_mode),
           S_ISDIR(st.st_mode), (int)st.st_nlink);
    printf("ftruncate 20: %s\n", ftruncate(fd, 20) == 0 ? "ok" : errname(errno));
    fsync(fd);
    close(fd);
    stat("data.txt", &st);
    printf("stat after truncate: size %lld\n", (long long)st.st_size);
    show_file("data.txt");

    fd = open("data.txt", O_WRONLY | O_APPEND);
    write(fd, "+tail\n", 6);
    close(fd);
    printf("after append:\n");
    show_file("data.txt");

    fd = open("data.txt", O_RDONLY);
    errno = 0;
    n = write(fd, "x", 1);
    printf("write to O_RDONLY: %zd %s\n", n, errname(errno));
    close(fd);

    CHECK("open O_CREAT|O_EXCL existing", open("data.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));
    CHECK("stat missing", stat("missing.txt", &st));
    CHECK("open missing", open("missing.txt", O_RDONLY));
    CHECK("rename data.txt moved.txt", rename("data.txt", "moved.txt"));
    CHECK("stat data.txt", stat("data.txt", &st));
    CHECK("stat moved.txt", stat("moved.txt", &st));
    CHECK("symlink", symlink("moved.txt", "link.txt"));
    char target[64] = {0};
    n = readlink("link.txt", target, sizeof target - 1);
    printf("readlink: %zd [%s]\n", n, target);
    stat("link.txt", &st);
    printf("stat through link: size %lld, regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    lstat("link.txt", &st);
    printf("lstat: symlink %d\n", S_ISLNK(st.st_mode));
    CHECK("link", link("moved.txt", "hard.txt"));
    stat("moved.txt", &st);
    printf("links after link: %d\n", (int)st.st_nlink);
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
    CHECK("utimensat", utimensat(AT_FDCWD, "moved.txt", times, 0));
    stat("moved.txt", &st);
    printf("times: atime %lld, mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
           st.st_mtim.tv_nsec);
    CHECK("unlink link.txt", unlink("link.txt"));
    CHECK("unlink hard.txt", unlink("hard.txt"));
    CHECK("unlink moved.txt", unlink("moved.txt"));
    CHECK("unlink moved.txt again", unlink("moved.txt"));
    return 0;
}
