/* Random bytes: two draws of 32 bytes are not all zero and differ. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>

int main(void) {
    unsigned char a[32], b[32], zero[32] = {0};
    int ok = getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0;
    printf("getentropy: %s\n", ok ? "ok" : "failed");
    printf("not all zero: %s\n", memcmp(a, zero, sizeof a) ? "ok" : "FAILED");
    printf("two draws differ: %s\n", memcmp(a, b, sizeof a) ? "ok" : "FAILED");
    return 0;
}
