/* harness.h - the tiny in-tree test harness: CHECK macros that print what was got and what was
 * expected, and a closing line "N passed, N failed" that CTest and CI read. */
#ifndef DYAD_TEST_HARNESS_H
#define DYAD_TEST_HARNESS_H
#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(cond) do { if (cond) harness_pass++; else { harness_fail++; \
  fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_INT_EQ(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
  if (g_ == w_) harness_pass++; else { harness_fail++; \
  fprintf(stderr, "%s:%d: %s: got %lld, expected %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

#define CHECK_STR_EQ(got, want) do { const char *g_ = (got), *w_ = (want); \
  if (g_ && w_ && strcmp(g_, w_) == 0) harness_pass++; else { harness_fail++; \
  fprintf(stderr, "%s:%d: %s: got \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, \
          g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } } while (0)

/* Compares a length-delimited view with a C string. */
#define CHECK_MEM_EQ(p, n, want) do { const char *w_ = (want); size_t n_ = (n); \
  if (n_ == strlen(w_) && memcmp((p), w_, n_) == 0) harness_pass++; else { harness_fail++; \
  fprintf(stderr, "%s:%d: %s: got \"%.*s\", expected \"%s\"\n", __FILE__, __LINE__, #p, \
          (int)n_, (const char *)(p), w_); } } while (0)

static inline int harness_done(void) {
  printf("%d passed, %d failed\n", harness_pass, harness_fail);
  return harness_fail ? 1 : 0;
}
#endif
