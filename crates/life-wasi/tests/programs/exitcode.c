/* Exit codes: exit(N), a return from main, and abort().
 * exit and return must flush the buffered output; abort does not flush, and whether the line
 * is still in the buffer depends on the libc (glibc buffers fully when stdout is not a
 * terminal, musl and so wasi-libc write the first line), so the program flushes first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "return";
    printf("stdout before %s\n", how);
    fprintf(stderr, "stderr before %s\n", how);
    if (!strcmp(how, "abort")) fflush(stdout), abort();
    if (!strcmp(how, "return")) return 7;
    exit(atoi(how));
}
