/* Prints the program's name (without directory or extension), its arguments and some
 * environment variables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    size_t len = strcspn(name, ".");
    printf("program: %.*s\n", (int)len, name);
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]: [%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    const char *vars[] = {"GREETING", "EMPTY", "MISSING", "PATH"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        printf("%s: %s%s%s\n", vars[i], v ? "[" : "", v ? v : "(unset)", v ? "]" : "");
    }
    int n = 0;
    for (char **e = environ; *e; e++) n++;
    printf("environ entries: %d\n", n);
    return 0;
}
