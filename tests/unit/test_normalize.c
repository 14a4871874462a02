/* test_normalize.c - unit tests for dyad_normalize: ASCII passthrough, the quote/dash/space/
 * control mapping, NFC, U+FFFD repair of each kind of invalid UTF-8, and linear time on 20 MB. */
#include "harness.h"
#include "normalize.h"

#include <stdlib.h>
#include <time.h>

#define FFFD "\xEF\xBF\xBD"

/* Normalizes a length-delimited input and compares the result with want; checks the counters. */
static void expect(const char *in, size_t n, const char *want, size_t invalid, size_t controls) {
  dyad_norm_stats st = {99, 99};
  size_t out_n = 12345;
  char *out = dyad_normalize(in, n, &out_n, &st);
  CHECK(out != NULL);
  if (!out) return;
  CHECK_MEM_EQ(out, out_n, want);
  CHECK_INT_EQ(out[out_n], 0);
  CHECK_INT_EQ(st.invalid, invalid);
  CHECK_INT_EQ(st.controls, controls);
  free(out);
}
#define EXPECT(lit, want, inv, ctl) expect((lit), sizeof(lit) - 1, (want), (inv), (ctl))

static void test_ascii_and_mapping(void) {
  EXPECT("Plain ASCII, unchanged: 1 + 2 = 3; <a> & {b}~", "Plain ASCII, unchanged: 1 + 2 = 3; <a> & {b}~", 0, 0);
  EXPECT("\xE2\x80\x9CHi,\xE2\x80\x9D she said \xE2\x80\x98ok\xE2\x80\x99",
         "\"Hi,\" she said 'ok'", 0, 0);
  EXPECT("\xC2\xAB" "Non" "\xC2\xBB \xE2\x80\x9E" "ja" "\xE2\x80\x9C \xE2\x80\xB9" "x" "\xE2\x80\xBA",
         "\"Non\" \"ja\" 'x'", 0, 0);
  EXPECT("a\xE2\x80\x93" "b\xE2\x80\x94" "c\xE2\x80\x95" "d\xE2\x88\x92" "e", "a--b--c--d--e", 0, 0);
  EXPECT("a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d\te", "a b c d e", 0, 0);
  EXPECT("zero\xE2\x80\x8Bwidth\xC2\xAD" "soft\xEF\xBB\xBF", "zerowidthsoft", 0, 0);
  EXPECT("a\r\nb\rc\n\rd\r", "a\nb\nc\n\nd\n", 0, 0);
  EXPECT("nul\0here\x01\x7F", "nul here  ", 0, 3);
  EXPECT("c1\xC2\x85" "end", "c1 end", 0, 1);
}

static void test_nfc(void) {
  EXPECT("e\xCC\x81", "\xC3\xA9", 0, 0);
  EXPECT("Caf" "e\xCC\x81 ole\xCC\x81", "Caf\xC3\xA9 ol\xC3\xA9", 0, 0);
  EXPECT("\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80", "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80", 0, 0);
  /* a removed zero-width space must not keep a base and its accent apart */
  EXPECT("e\xE2\x80\x8B\xCC\x81", "\xC3\xA9", 0, 0);
  /* combining marks out of canonical order: dot below (220) before acute (230) after NFC */
  EXPECT("q\xCC\x81\xCC\xA3", "q\xCC\xA3\xCC\x81", 0, 0);
  /* Hangul jamo compose */
  EXPECT("\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", 0, 0);
}

static void test_invalid(void) {
  EXPECT("a\x80z", "a" FFFD "z", 1, 0);
  EXPECT("end\xE2\x82", "end" FFFD, 1, 0);
  EXPECT("\xC0\xAF", FFFD FFFD, 2, 0);
  EXPECT("s\xED\xA0\x80t", "s" FFFD FFFD FFFD "t", 3, 0);
  EXPECT("\xFF", FFFD, 1, 0);
  EXPECT("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4, 0);
  EXPECT("\xE2\x82" "x\xF0\x9F\x98", FFFD "x" FFFD, 2, 0);
  EXPECT("\xEF\xBF\xBD", FFFD, 0, 0);  /* a real U+FFFD is not counted */
}

static void test_empty_and_null_stats(void) {
  EXPECT("", "", 0, 0);
  size_t n = 7;
  char *out = dyad_normalize("x\xE2\x80\x94y", 5, &n, NULL);
  CHECK(out != NULL);
  if (out) CHECK_MEM_EQ(out, n, "x--y");
  free(out);
}

/* 20 MB of news-like text with some multibyte characters must normalize in well under 1 s. */
static void test_big(void) {
  static const char *const pieces[] = {
      "The minister said on Tuesday that talks would resume. ",
      "\xE2\x80\x9CWe are ready,\xE2\x80\x9D he said \xE2\x80\x94 in Z\xC3\xBCrich. ",
      "Caf" "e\xCC\x81 \xE4\xB8\xAD\xE5\x9B\xBD \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0. "};
  size_t cap = (size_t)20 << 20, n = 0, want = 0;
  char *in = malloc(cap);
  CHECK(in != NULL);
  if (!in) return;
  for (int k = 0;; k = (k + 1) % 3) {
    size_t len = strlen(pieces[k]);
    if (n + len > cap) break;
    memcpy(in + n, pieces[k], len);
    n += len;
    /* expected growth: curly quotes shrink 3 -> 1, em dash 3 -> 2, e + U+0301 3 -> 2 */
    want += len - (k == 1 ? 5 : k == 2 ? 1 : 0);
  }
  clock_t t0 = clock();
  size_t out_n = 0;
  char *out = dyad_normalize(in, n, &out_n, NULL);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  CHECK(out != NULL);
  CHECK_INT_EQ(out_n, want);
  CHECK(secs < 5.0);  /* about 0.1 s optimized; generous for sanitizer builds */
  printf("20 MB normalized in %.3f s\n", secs);
  free(out);
  free(in);
}

/* A 1.2 MB run without ASCII is composed in chunks; no base may lose its accent at a cut. */
static void test_long_run(void) {
  size_t reps = 300000, n = reps * 4;
  char *in = malloc(n);
  CHECK(in != NULL);
  if (!in) return;
  for (size_t k = 0; k < reps; k++) memcpy(in + 4 * k, "\xD0\xB8\xCC\x86", 4);  /* U+0438 U+0306 */
  size_t out_n = 0;
  char *out = dyad_normalize(in, n, &out_n, NULL);
  CHECK(out != NULL);
  CHECK_INT_EQ(out_n, reps * 2);
  size_t bad = 0;
  for (size_t k = 0; out && k + 1 < out_n; k += 2) bad += memcmp(out + k, "\xD0\xB9", 2) != 0;
  CHECK_INT_EQ(bad, 0);
  free(out);
  free(in);
}

int main(void) {
  test_ascii_and_mapping();
  test_nfc();
  test_invalid();
  test_empty_and_null_stats();
  test_big();
  test_long_run();
  return harness_done();
}
