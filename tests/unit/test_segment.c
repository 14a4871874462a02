/* test_segment.c - unit tests for the sentence splitter: abbreviations, initials, acronyms,
 * quotes, headlines and outlet suffixes, headings, chrome lines, the length cap and exact
 * byte offsets. */
#include "harness.h"
#include "segment.h"

#include <stdlib.h>
#include <time.h>

#define MAXS 512

typedef struct {
  size_t n;
  dyad_sent s[MAXS];
  size_t stop_after; /* 0 = never stop */
} collect;

static int collect_fn(const dyad_sent *s, void *ctx) {
  collect *c = ctx;
  if (c->n < MAXS) c->s[c->n] = *s;
  c->n++;
  return c->stop_after && c->n >= c->stop_after;
}

static size_t run(const char *text, collect *c) {
  memset(c, 0, sizeof *c);
  return dyad_segment(text, strlen(text), collect_fn, c);
}

#define CHECK_SPAN(text, c, k, want) \
  CHECK_MEM_EQ((text) + (c).s[k].start, (c).s[k].end - (c).s[k].start, want)

static void test_abbreviations(void) {
  collect c;
  const char *t = "Mr. Smith met U.S. officials on Jan. 5 in Washington. Gen. Lee agreed.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "Mr. Smith met U.S. officials on Jan. 5 in Washington.");
  CHECK_SPAN(t, c, 1, "Gen. Lee agreed.");
  CHECK_INT_EQ(c.s[0].start, 0);
  CHECK_INT_EQ(c.s[0].end, 53);
  CHECK_INT_EQ(c.s[1].start, 54);
  CHECK_INT_EQ(c.s[1].end, strlen(t));
  CHECK_INT_EQ(c.s[0].flags, 0);

  t = "Diplomats said the U.N. Security Council said no. Dr. Who is St. Louis.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "Diplomats said the U.N. Security Council said no.");

  t = "It was signed by John F. Kennedy in 1963. Nobody objected.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "It was signed by John F. Kennedy in 1963.");

  t = "The sanctions were imposed by the U.S. The move angered Moscow.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "The sanctions were imposed by the U.S.");
  CHECK_SPAN(t, c, 1, "The move angered Moscow.");

  t = "He works for Acme Corp. The firm denied it. Apple Inc. Chief Tim Cook spoke.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 1, "The firm denied it.");
  CHECK_SPAN(t, c, 2, "Apple Inc. Chief Tim Cook spoke.");

  t = "Talks resume at 10 a.m. Tuesday in Geneva. Room No. 5 was used.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 1, "Room No. 5 was used.");
}

static void test_numbers_and_marks(void) {
  collect c;
  const char *t = "Growth slowed to 3.5 percent. Prices rose 0.2 points.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "Growth slowed to 3.5 percent.");

  t = "Will they attack? Nobody knows! The army waits.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 0, "Will they attack?");
  CHECK_SPAN(t, c, 1, "Nobody knows!");
  CHECK_SPAN(t, c, 2, "The army waits.");

  t = "He paused... and then went on. It was late... The end.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 0, "He paused... and then went on.");
  CHECK_SPAN(t, c, 1, "It was late...");
  CHECK_SPAN(t, c, 2, "The end.");

  t = "Visit example.com for more. in 2019. he said";
  CHECK_INT_EQ(run(t, &c), 1); /* '.' before lowercase never splits */
}

static void test_quotes(void) {
  collect c;
  const char *t = "He said \"We will win.\" Then he left.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "He said \"We will win.\"");
  CHECK_SPAN(t, c, 1, "Then he left.");
  CHECK_INT_EQ(c.s[0].end, 22);
  CHECK_INT_EQ(c.s[1].start, 23);

  t = "Troops withdrew. \"We are leaving. It is over,\" the general said.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 1, "\"We are leaving.");
  CHECK_SPAN(t, c, 2, "It is over,\" the general said.");

  t = "The rebels (who fled.) Returned later.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "The rebels (who fled.)");
}

static void test_headlines(void) {
  collect c;
  const char *t = "Russia and Japan sign aid pact\n\nRussia and Japan signed a pact. It is new.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 0, "Russia and Japan sign aid pact");
  CHECK_INT_EQ(c.s[0].flags, DYAD_SENT_HEADLINE);
  CHECK_INT_EQ(c.s[0].start, 0);
  CHECK_INT_EQ(c.s[0].end, 30);
  CHECK_INT_EQ(c.s[1].start, 32);
  CHECK_SPAN(t, c, 1, "Russia and Japan signed a pact.");
  CHECK_INT_EQ(c.s[1].flags, 0);

  t = "Russia and Japan have promised mutual aid in case of an attack -- KXYZ 9 North Dakota\n\n"
      "Body text.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "Russia and Japan have promised mutual aid in case of an attack");
  CHECK_INT_EQ(c.s[0].flags, DYAD_SENT_HEADLINE);
  CHECK_INT_EQ(c.s[0].end, 62);

  t = "Ceasefire holds in Gaza | Reuters";
  CHECK_INT_EQ(run(t, &c), 1);
  CHECK_SPAN(t, c, 0, "Ceasefire holds in Gaza");

  /* a lowercase word in the suffix means it is part of the headline */
  t = "Talks fail -- and war looms";
  CHECK_INT_EQ(run(t, &c), 1);
  CHECK_SPAN(t, c, 0, "Talks fail -- and war looms");

  /* a one-line block with an end mark is an ordinary sentence */
  t = "Talks failed.\n\nMore text.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_INT_EQ(c.s[0].flags, 0);
}

static void test_headings_and_wrapping(void) {
  collect c;
  const char *t = "Background\nThe two countries fought in 1905. They signed a treaty.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_SPAN(t, c, 0, "Background");
  CHECK_INT_EQ(c.s[0].flags, DYAD_SENT_HEADLINE);
  CHECK_INT_EQ(c.s[0].end, 10);
  CHECK_INT_EQ(c.s[1].start, 11);

  t = "The foreign minister said on Tuesday that the government would not accept the terms\n"
      "offered by the rebels. They refused.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_INT_EQ(c.s[0].start, 0);
  CHECK_INT_EQ(c.s[0].end, strlen(t) - strlen(" They refused."));
  CHECK_INT_EQ(c.s[0].flags, 0);

  /* a short line ending in a function word or comma keeps going */
  t = "Officials met with\nPresident Putin. Later,\nMinisters left.";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "Officials met with\nPresident Putin.");

  /* spans never include block separators */
  t = "  First block.  \n\n\n  Second block.  \n";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_SPAN(t, c, 0, "First block.");
  CHECK_SPAN(t, c, 1, "Second block.");
  CHECK_INT_EQ(c.s[1].start, 21);
}

static void test_chrome(void) {
  collect c;
  const char *t = "close\nclose\n\nText here.";
  CHECK_INT_EQ(run(t, &c), 3);
  CHECK_INT_EQ(c.s[0].flags, DYAD_SENT_CHROME);
  CHECK_INT_EQ(c.s[0].start, 0);
  CHECK_INT_EQ(c.s[0].end, 5);
  CHECK_INT_EQ(c.s[1].flags, DYAD_SENT_CHROME);
  CHECK_INT_EQ(c.s[1].start, 6);
  CHECK_SPAN(t, c, 2, "Text here.");
  CHECK_INT_EQ(c.s[2].flags, 0);

  t = "Share Share\nSkip to content\nFacebook | Twitter | Email | Print\n5 min read\n"
      "Close close\nTroops crossed the border.\nAdvertisement\nThey advanced.";
  CHECK_INT_EQ(run(t, &c), 8);
  for (int k = 0; k < 5; k++) CHECK_INT_EQ(c.s[k].flags, DYAD_SENT_CHROME);
  CHECK_SPAN(t, c, 5, "Troops crossed the border.");
  CHECK_INT_EQ(c.s[5].flags, 0);
  CHECK_INT_EQ(c.s[6].flags, DYAD_SENT_CHROME);
  CHECK_SPAN(t, c, 7, "They advanced.");

  /* not chrome: other words, or too many words */
  t = "Share prices fell\n\nClose share close share close share close share close";
  CHECK_INT_EQ(run(t, &c), 2);
  CHECK_INT_EQ(c.s[0].flags, DYAD_SENT_HEADLINE);
  CHECK(!(c.s[1].flags & DYAD_SENT_CHROME));
}

static void test_empty_and_stop(void) {
  collect c;
  CHECK_INT_EQ(run("", &c), 0);
  CHECK_INT_EQ(run("   \n\n \n", &c), 0);
  CHECK_INT_EQ(dyad_segment(NULL, 0, collect_fn, &c), 0);
  memset(&c, 0, sizeof c);
  c.stop_after = 2;
  const char *t = "One. Two. Three. Four.";
  CHECK_INT_EQ(dyad_segment(t, strlen(t), collect_fn, &c), 2);
  CHECK_INT_EQ(c.n, 2);
  /* invalid UTF-8 and a lone mark do not crash */
  t = "\xff\xfe. \xc3. ... ?! \"";
  CHECK(run(t, &c) >= 1);
}

static void check_pieces(const char *t, size_t n, const collect *c) {
  size_t prev = 0;
  int ok = 1;
  for (size_t k = 0; k < c->n && k < MAXS; k++) {
    const dyad_sent *s = &c->s[k];
    if (s->end - s->start > DYAD_SENT_MAX || s->start < prev || s->end > n) ok = 0;
    if (!(s->flags & DYAD_SENT_TOO_LONG)) ok = 0;
    if (t[s->start] == ' ' || t[s->end - 1] == ' ') ok = 0;
    prev = s->end;
  }
  CHECK(ok);
}

static void test_too_long(void) {
  size_t n = 1u << 20;
  char *t = malloc(n + 1);
  for (size_t i = 0; i < n; i++) t[i] = (i % 7 == 6) ? ' ' : 'a' + (char)(i % 7);
  t[n] = 0;
  static collect c;
  clock_t t0 = clock();
  memset(&c, 0, sizeof c);
  size_t got = dyad_segment(t, n, collect_fn, &c);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  CHECK(got >= n / DYAD_SENT_MAX && got <= 2 * (n / DYAD_SENT_MAX) + 2);
  CHECK(got <= MAXS);
  check_pieces(t, n, &c);
  CHECK(secs < 0.5);

  memset(t, 'x', n); /* no spaces at all: hard cuts */
  memset(&c, 0, sizeof c);
  got = dyad_segment(t, n, collect_fn, &c);
  CHECK_INT_EQ(got, n / DYAD_SENT_MAX);
  check_pieces(t, n, &c);

  memset(t, '.', n); /* one huge mark run */
  memset(&c, 0, sizeof c);
  t0 = clock();
  got = dyad_segment(t, n, collect_fn, &c);
  CHECK_INT_EQ(got, n / DYAD_SENT_MAX);
  CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 0.5);
  free(t);
}

int main(void) {
  test_abbreviations();
  test_numbers_and_marks();
  test_quotes();
  test_headlines();
  test_headings_and_wrapping();
  test_chrome();
  test_empty_and_stop();
  test_too_long();
  return harness_done();
}
