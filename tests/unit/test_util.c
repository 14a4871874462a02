/* test_util.c - unit tests for util.h's printf-free copies (dyad_copy_str, dyad_put_int): each
 * result is compared with what snprintf writes for the same format, truncation included. */
#include "harness.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>

/* dyad_copy_str against snprintf(out, cap, "%.*s", n, s) for every cap and n up to 10. */
static void test_copy_str(void) {
  static const char *const srcs[] = {"", "A", "USA", "IGOUNO", "RUSGOVMIL", "abcdefghijklmnop"};
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++)
    for (size_t cap = 1; cap <= 10; cap++)
      for (size_t n = 0; n <= 10; n++) {
        char got[16], want[16];
        memset(got, 'x', sizeof got);
        size_t k = dyad_copy_str(got, cap, srcs[i], n);
        int w = snprintf(want, cap, "%.*s", (int)n, srcs[i]);
        CHECK_STR_EQ(got, want);
        CHECK_INT_EQ(k, strlen(want));
        CHECK(w >= 0);
        CHECK(k + 1 >= cap || got[k + 1] == 'x'); /* nothing written past the NUL */
      }
  char code[8];
  CHECK_INT_EQ(dyad_copy_str(code, sizeof code, "RUSSIA", SIZE_MAX), 6);
  CHECK_STR_EQ(code, "RUSSIA");
}

/* dyad_put_int against snprintf("%s%lld") after a prefix, truncated at every cap. */
static void test_put_int(void) {
  static const long long vals[] = {0, 7, -7, 10, 42, -100, 123456789, LLONG_MAX, LLONG_MIN};
  for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
    for (size_t cap = 4; cap <= 26; cap++) {
      char got[32], want[32];
      size_t at = dyad_copy_str(got, cap, "ab-", SIZE_MAX);
      size_t k = dyad_put_int(got, cap, at, vals[i]);
      snprintf(want, cap, "ab-%lld", vals[i]);
      CHECK_STR_EQ(got, want);
      CHECK_INT_EQ(k, strlen(want));
    }
  char id[48];
  size_t k = dyad_copy_str(id, sizeof id, "00ff00ff00ff00ff", SIZE_MAX);
  k += dyad_copy_str(id + k, sizeof id - k, "-", 1);
  k = dyad_put_int(id, sizeof id, k, 12);
  CHECK_STR_EQ(id, "00ff00ff00ff00ff-12");
  CHECK_INT_EQ(k, 19);
}

int main(void) {
  test_copy_str();
  test_put_int();
  return harness_done();
}
