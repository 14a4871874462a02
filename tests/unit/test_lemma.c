/* test_lemma.c - unit tests for the WordNet lexicon (src/lemma.c): exception lists, suffix
 * rules, POS sets, tagged-sense counts, and hostile input (empty, huge, non-words). */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lemma.h"

#define BIT(p) (1u << (p))

/* Looks up w and returns its base form in pos, or "(none)". */
static const char *lemma_of(const char *w, unsigned pos) {
  dyad_lexinfo li;
  if (!dyad_lex_lookup(w, strlen(w), &li) || !(li.pos & BIT(pos))) return "(none)";
  return li.lemma[pos];
}

static void test_regular_rules(void) {
  CHECK_STR_EQ(lemma_of("signed", DYAD_LEX_V), "sign");
  CHECK_STR_EQ(lemma_of("allegations", DYAD_LEX_N), "allegation");
  CHECK_STR_EQ(lemma_of("supplies", DYAD_LEX_N), "supply");
  CHECK_STR_EQ(lemma_of("supplies", DYAD_LEX_V), "supply");
  CHECK_STR_EQ(lemma_of("planned", DYAD_LEX_V), "plan");
  CHECK_STR_EQ(lemma_of("accused", DYAD_LEX_V), "accuse");
  CHECK_STR_EQ(lemma_of("denies", DYAD_LEX_V), "deny");
  CHECK_STR_EQ(lemma_of("pledged", DYAD_LEX_V), "pledge");
  CHECK_STR_EQ(lemma_of("hugged", DYAD_LEX_V), "hug");
  CHECK_STR_EQ(lemma_of("stopped", DYAD_LEX_V), "stop");
  CHECK_STR_EQ(lemma_of("talks", DYAD_LEX_N), "talk");
  CHECK_STR_EQ(lemma_of("talks", DYAD_LEX_V), "talk");
  CHECK_STR_EQ(lemma_of("leaders", DYAD_LEX_N), "leader");
  CHECK_STR_EQ(lemma_of("churches", DYAD_LEX_N), "church");
  CHECK_STR_EQ(lemma_of("hoped", DYAD_LEX_V), "hope");
  CHECK_STR_EQ(lemma_of("singing", DYAD_LEX_V), "sing");
  CHECK_STR_EQ(lemma_of("news", DYAD_LEX_N), "news");
}

static void test_exceptions(void) {
  CHECK_STR_EQ(lemma_of("went", DYAD_LEX_V), "go");
  CHECK_STR_EQ(lemma_of("children", DYAD_LEX_N), "child");
  CHECK_STR_EQ(lemma_of("met", DYAD_LEX_V), "meet");
  CHECK_STR_EQ(lemma_of("is", DYAD_LEX_V), "be");
  CHECK_STR_EQ(lemma_of("has", DYAD_LEX_V), "have");
  CHECK_STR_EQ(lemma_of("better", DYAD_LEX_A), "good");
  CHECK_STR_EQ(lemma_of("saw", DYAD_LEX_N), "saw");
  CHECK_STR_EQ(lemma_of("saw", DYAD_LEX_V), "see");
}

static void test_pos_and_freq(void) {
  dyad_lexinfo li;
  CHECK_INT_EQ(dyad_lex_lookup("attack", 6, &li), 1);
  CHECK(li.pos & BIT(DYAD_LEX_N));
  CHECK(li.pos & BIT(DYAD_LEX_V));
  CHECK(!(li.pos & BIT(DYAD_LEX_R)));
  CHECK(li.freq[DYAD_LEX_N] > 0);
  CHECK(li.freq[DYAD_LEX_V] > 0);
  CHECK_MEM_EQ(li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V], "attack");
  CHECK(li.lemma[DYAD_LEX_R] == NULL);
  /* Uppercase input and a length shorter than the string both work. */
  CHECK_INT_EQ(dyad_lex_lookup("Attacks", 7, &li), 1);
  CHECK_STR_EQ(li.lemma[DYAD_LEX_N], "attack");
  CHECK_INT_EQ(dyad_lex_lookup("talksXYZ", 5, &li), 1);
  CHECK_STR_EQ(li.lemma[DYAD_LEX_V], "talk");
  CHECK(dyad_lex_size() > 50000);
}

static void test_hostile_input(void) {
  dyad_lexinfo li;
  CHECK_INT_EQ(dyad_lex_lookup("xqzt", 4, &li), 0);
  CHECK_INT_EQ(li.pos, 0);
  CHECK(li.lemma[DYAD_LEX_N] == NULL);
  CHECK_INT_EQ(dyad_lex_lookup("", 0, &li), 0);
  CHECK_INT_EQ(dyad_lex_lookup(NULL, 3, &li), 0);
  CHECK_INT_EQ(dyad_lex_lookup("go\0es", 5, &li), 0);
  CHECK_INT_EQ(dyad_lex_lookup("\xff\xfe", 2, &li), 0);
  CHECK_INT_EQ(dyad_lex_lookup("qqqqing", 7, &li), 0);
  char *big = malloc(10000);
  CHECK(big != NULL);
  if (big) {
    memset(big, 'a', 10000);
    CHECK_INT_EQ(dyad_lex_lookup(big, 10000, &li), 0);
    CHECK_INT_EQ(li.pos, 0);
    free(big);
  }
}

int main(void) {
  test_regular_rules();
  test_exceptions();
  test_pos_and_freq();
  test_hostile_input();
  return harness_done();
}
