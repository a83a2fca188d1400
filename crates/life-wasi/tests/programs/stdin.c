/* Reads standard input to the end and reports lines, words and bytes, echoing each line. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    char line[1024];
    int lines = 0, words = 0;
    long bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        bytes += len;
        lines++;
        int in_word = 0;
        for (size_t i = 0; i < len; i++) {
            if (isspace((unsigned char)line[i])) in_word = 0;
            else if (!in_word) in_word = 1, words++;
        }
        if (len && line[len - 1] == '\n') line[--len] = 0;
        for (size_t i = 0; i < len; i++) line[i] = toupper((unsigned char)line[i]);
        printf("%d: %s\n", lines, line);
    }
    printf("lines %d, words %d, bytes %ld, eof %d\n", lines, words, bytes, feof(stdin) != 0);
    return 0;
}
