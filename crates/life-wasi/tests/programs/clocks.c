/* Clocks and sleeping: prints only facts that hold on any machine. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>

static int64_t ns(struct timespec t) {
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void check(const char *what, int ok) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
}

int main(void) {
    struct timespec real, mono1, mono2, res, cpu;
    check("realtime readable", clock_gettime(CLOCK_REALTIME, &real) == 0);
    check("realtime after 2020", real.tv_sec > 1577836800);
    check("time() agrees with realtime", time(NULL) - real.tv_sec <= 1);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    check("gettimeofday agrees with realtime", tv.tv_sec - real.tv_sec <= 1);
    check("monotonic readable", clock_gettime(CLOCK_MONOTONIC, &mono1) == 0);
    check("resolution positive", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000);
    struct timespec nap = {0, 20 * 1000 * 1000};
    check("nanosleep 20ms", nanosleep(&nap, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    int64_t slept = ns(mono2) - ns(mono1);
    check("monotonic advanced by at least 20ms", slept >= 20 * 1000 * 1000);
    check("and by less than 5s", slept < 5000000000LL);
    check("usleep 1ms", usleep(1000) == 0);
    check("process cputime readable", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0 && ns(cpu) >= 0);
    struct tm tm;
    time_t epoch = 86400 * 365;
    gmtime_r(&epoch, &tm);
    printf("gmtime(365 days): %04d-%02d-%02d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return 0;
}
