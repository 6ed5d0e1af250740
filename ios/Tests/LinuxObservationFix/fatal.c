// Debian trixie's Swift 6.0.3 ships libswiftObservation.so with an undefined reference to the
// runtime's internal `swift::threading::fatal(const char *, ...)`, which its libswiftCore.so
// does not export, so any Linux program that uses Observation fails to link. The tests'
// executable defines it here (the runtime's own does the same: print and abort). Linux only;
// Apple platforms ship a complete Observation.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void _ZN5swift9threading5fatalEPKcz(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    abort();
}
