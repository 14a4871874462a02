/* fuzz_normalize.c - libFuzzer target for dyad_normalize: never crashes, and its output is
 * valid UTF-8 without CR or control characters and does not change when normalized again.
 * Build: clang -g -fsanitize=fuzzer,address -I../src fuzz_normalize.c ../src/normalize.c -lutf8proc */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when s[0..n) is valid UTF-8 (no overlongs, surrogates or values past U+10FFFF) with no
 * control character but LF. */
static int clean_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char b = s[i], lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
      if ((b < 0x20 && b != '\n') || b == 0x7F) return 0;
      i++;
      continue;
    }
    if (b < 0xC2 || b > 0xF4) return 0;
    size_t need = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
    for (size_t k = 1; k <= need; k++, lo = 0x80, hi = 0xBF)
      if (i + k >= n || s[i + k] < lo || s[i + k] > hi) return 0;
    if (b == 0xC2 && s[i + 1] < 0xA0) return 0;  /* C1 controls must have become spaces */
    i += need + 1;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t n1 = 0, n2 = 0;
  dyad_norm_stats st;
  char *once = dyad_normalize((const char *)data, size, &n1, &st);
  if (!once) return 0;
  if (once[n1] != 0 || !clean_utf8((const unsigned char *)once, n1)) abort();
  if (st.invalid > size || st.controls > size) abort();
  char *twice = dyad_normalize(once, n1, &n2, &st);
  if (!twice || n2 != n1 || memcmp(once, twice, n1) != 0 || st.invalid != 0 || st.controls != 0) abort();
  free(twice);
  free(once);
  return 0;
}
