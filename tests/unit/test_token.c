/* test_token.c - the tokenizer: words, acronyms, possessives, contractions, numbers, dashes. */
#include "harness.h"
#include "token.h"

static size_t toks(const char *s, dyad_tokspan *t, size_t cap) { return dyad_tokenize(s, strlen(s), 0, t, cap); }

int main(void) {
  dyad_tokspan t[64];
  const char *s = "U.S. officials don't trust Putin's plan -- or the allies' 3.5% offer.";
  size_t n = toks(s, t, 64);
  CHECK_MEM_EQ(s + t[0].start, t[0].end - t[0].start, "U.S.");
  CHECK_MEM_EQ(s + t[1].start, t[1].end - t[1].start, "officials");
  CHECK_MEM_EQ(s + t[2].start, t[2].end - t[2].start, "do");
  CHECK_MEM_EQ(s + t[3].start, t[3].end - t[3].start, "n't");
  CHECK_MEM_EQ(s + t[5].start, t[5].end - t[5].start, "Putin");
  CHECK_INT_EQ(t[6].kind, DYAD_TK_POSS);
  CHECK_MEM_EQ(s + t[8].start, t[8].end - t[8].start, "--");
  CHECK_INT_EQ(t[8].kind, DYAD_TK_PUNCT);
  CHECK_MEM_EQ(s + t[11].start, t[11].end - t[11].start, "allies");
  CHECK_INT_EQ(t[12].kind, DYAD_TK_POSS);
  CHECK_MEM_EQ(s + t[13].start, t[13].end - t[13].start, "3.5");
  CHECK_INT_EQ(t[13].kind, DYAD_TK_NUM);
  CHECK_MEM_EQ(s + t[n - 1].start, t[n - 1].end - t[n - 1].start, ".");

  /* hyphenated compounds stay whole; quotes are their own tokens; offsets add the base */
  const char *h = "\"US-led\" talks";
  n = dyad_tokenize(h, strlen(h), 100, t, 64);
  CHECK_INT_EQ(n, 4);
  CHECK_INT_EQ(t[0].kind, DYAD_TK_QUOTE);
  CHECK_INT_EQ(t[1].start, 101);
  CHECK_INT_EQ(t[1].end, 107);

  /* counting without storing, and an empty input */
  CHECK_INT_EQ(dyad_tokenize(s, strlen(s), 0, NULL, 0), toks(s, t, 64));
  CHECK_INT_EQ(toks("", t, 64), 0);
  CHECK_INT_EQ(toks("   \n\t ", t, 64), 0);

  /* initials and O'Brien */
  const char *k = "John F. Kennedy met O'Brien";
  n = toks(k, t, 64);
  CHECK_MEM_EQ(k + t[1].start, t[1].end - t[1].start, "F.");
  CHECK_MEM_EQ(k + t[4].start, t[4].end - t[4].start, "O'Brien");

  /* lowercasing folds ASCII and Latin-1 capitals, keeps dots */
  char low[32];
  size_t ln = dyad_token_lower("U.S.", 4, low, sizeof low);
  CHECK_MEM_EQ(low, ln, "u.s.");
  ln = dyad_token_lower("\xC3\x89lys\xC3\xA9" "e", 8, low, sizeof low);
  CHECK_MEM_EQ(low, ln, "\xC3\xA9lys\xC3\xA9" "e");

  /* invalid and binary bytes never hang and every byte lands in at most one token */
  char bin[256];
  for (int i = 0; i < 256; i++) bin[i] = (char)i;
  n = dyad_tokenize(bin, 256, 0, t, 64);
  CHECK(n > 0);
  return harness_done();
}
