/* Directories: mkdir, readdir (sorted, with types), rmdir, and the errors between. */
#include "common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void touch(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) printf("cannot create %s: %s\n", path, errname(errno));
    else close(fd);
}

/* Lists a directory sorted by name, without "." and "..", with a type letter. */
static int list(const char *path, int print) {
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: %s\n", path, errname(errno));
        return -1;
    }
    char *names[512];
    int n = 0;
    struct dirent *e;
    int dots = 0;
    while ((e = readdir(d)) && n < 512) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
            dots++;
            continue;
        }
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%s %c", e->d_name, e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?');
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    if (print) {
        printf("%s: %d entries (+%d dot entries)\n", path, n, dots);
        for (int i = 0; i < n; i++) printf("  %s\n", names[i]);
    }
    for (int i = 0; i < n; i++) free(names[i]);
    return n;
}

int main(void) {
    CHECK("mkdir tree", mkdir("tree", 0755));
    CHECK("mkdir tree again", mkdir("tree", 0755));
    CHECK("mkdir tree/a", mkdir("tree/a", 0755));
    CHECK("mkdir tree/b", mkdir("tree/b", 0755));
    CHECK("mkdir missing/x", mkdir("missing/x", 0755));
    touch("tree/f.txt");
    touch("tree/a/x.txt");
    list("tree", 1);
    list("tree/a", 1);
    list("tree/b", 1);
    struct stat st;
    stat("tree/a", &st);
    printf("stat tree/a: directory %d\n", S_ISDIR(st.st_mode));
    CHECK("rmdir tree (not empty)", rmdir("tree"));
    CHECK("rmdir tree/f.txt (a file)", rmdir("tree/f.txt"));
    CHECK("unlink tree/a (a directory)", unlink("tree/a"));
    CHECK("open tree/f.txt/x (not a directory)", open("tree/f.txt/x", O_RDONLY));
    CHECK("opendir-like open of a file", open("tree/f.txt", O_RDONLY | O_DIRECTORY));

    /* Enough entries that listing them takes several fd_readdir calls. */
    mkdir("many", 0755);
    char path[64];
    for (int i = 0; i < 300; i++) {
        sprintf(path, "many/file-with-a-longish-name-%03d.txt", i);
        touch(path);
    }
    printf("many: %d entries\n", list("many", 0));
    for (int i = 0; i < 300; i++) {
        sprintf(path, "many/file-with-a-longish-name-%03d.txt", i);
        unlink(path);
    }
    CHECK("rmdir many", rmdir("many"));

    CHECK("unlink tree/a/x.txt", unlink("tree/a/x.txt"));
    CHECK("unlink tree/f.txt", unlink("tree/f.txt"));
    CHECK("rmdir tree/a", rmdir("tree/a"));
    CHECK("rename tree/b tree/c", rename("tree/b", "tree/c"));
    list("tree", 1);
    CHECK("rmdir tree/c", rmdir("tree/c"));
    CHECK("rmdir tree", rmdir("tree"));
    CHECK("rmdir tree again", rmdir("tree"));
    CHECK("stat tree", stat("tree", &st));
    list(".", 1);
    return 0;
}
