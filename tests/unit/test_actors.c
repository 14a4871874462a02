/* test_actors.c - actor recognition on its own: longest match, country + agent, titles before
 * people, dated roles, distributed agents, places after locatives, context entries, surnames
 * and pronouns resolved from earlier sentences. */
#include "harness.h"
#include "sentence.h"
#include "normalize.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct { dyad_lexcache *cache; dyad_arena arena; dyad_docmem mem; const dyad_dict *d; } fixture;

/* Recognizes one sentence and writes its mentions as "text=CODE,CODE|..." into out. */
static void mentions(fixture *f, const char *text, dyad_date on, char *out, size_t cap) {
  dyad_sentence s;
  memset(&s, 0, sizeof s);
  s.text = text; s.start = 0; s.end = strlen(text);
  out[0] = 0;
  if (dyad_tag_sentence(f->d, f->cache, &f->arena, &s) || dyad_recognize(f->d, &f->arena, &s, on, &f->mem)) {
    snprintf(out, cap, "(error)");
    return;
  }
  size_t k = 0;
  for (int i = 0; i < s.nm && k < cap; i++) {
    const dyad_mention *m = &s.m[i];
    k += (size_t)snprintf(out + k, cap - k, "%s%.*s=", k ? "|" : "", (int)(s.t[m->t1 - 1].end - s.t[m->t0].start), text + s.t[m->t0].start);
    for (int r = 0; r < m->nref && k < cap; r++) k += (size_t)snprintf(out + k, cap - k, "%s%s", r ? "," : "", m->refs[r].code);
    if (m->place && k < cap) k += (size_t)snprintf(out + k, cap - k, "@place");
  }
}

/* Stacked, long and prefix agents on a small dictionary, by dyad's conventions and PETRARCH's. */
static void test_agent_stacks(void) {
  static const char actors[] =
    "country NTH Northland\nadj NTH Northlandic\ncountry STH Southland\ngroup STHREB Southern Front\n";
  static const char agents[] =
    "agent GOV    government | officials\nagent GOVFRM foreign minister\nagent MUS islamist\n"
    "agent MED    media\nagent NGO    relief charity ; prefix=1\nagent OPP    activists\n";
  static const char verbs[] = "verb 010 say\n";
  dyad_dict_text files[] = {{"actors/t.txt", actors, sizeof actors - 1}, {"agents.txt", agents, sizeof agents - 1},
                            {"verbs/t.txt", verbs, sizeof verbs - 1}};
  fixture f;
  dyad_dict *d = dyad_dict_load_texts(files, 3, DYAD_DICT_ANY_CODE, NULL);
  CHECK(d != NULL);
  if (!d) return;
  f.d = d;
  f.cache = dyad_lexcache_new();
  dyad_arena_init(&f.arena);
  memset(&f.mem, 0, sizeof f.mem);
  char got[1024];
  dyad_date on = {2024, 6, 19};
  /* dyad's: a six-letter agent is kept whole; a prefix agent goes before the country; of
     stacked agents the head (the last) names the sector */
  mentions(&f, "Northland's foreign minister spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northland's foreign minister=NTHGOVFRM");
  mentions(&f, "The relief charity Northland officials spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "relief charity Northland officials=NGONTHGOV");
  mentions(&f, "Northlandic Islamist media spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northlandic Islamist media=NTHMED");
  mentions(&f, "Northlandic government officials spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northlandic government officials=NTHGOV");
  /* PETRARCH's: every agent stacks in text order, onto any code, once per three-letter part */
  d->petrarch = 1;
  mentions(&f, "Northlandic Islamist media spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northlandic Islamist media=NTHMUSMED");
  mentions(&f, "Northlandic government officials spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northlandic government officials=NTHGOV");
  mentions(&f, "The Northlandic Islamist media and government spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Northlandic Islamist media=NTHMUSMED|government=NTHMUSGOV");
  mentions(&f, "Southern Front activists spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Southern Front activists=STHREBOPP");
  mentions(&f, "Islamist media spoke.", on, got, sizeof got);
  CHECK_STR_EQ(got, "Islamist media=---MUSMED");
  dyad_arena_free(&f.arena);
  dyad_lexcache_free(f.cache);
  dyad_dict_free(d);
}

int main(void) {
  fixture f;
  f.d = dyad_dict_load(NULL, NULL);
  CHECK(f.d != NULL);
  if (!f.d) return harness_done();
  f.cache = dyad_lexcache_new();
  dyad_arena_init(&f.arena);
  memset(&f.mem, 0, sizeof f.mem);
  char got[1024];
  dyad_date d2024 = {2024, 6, 19}, d2010 = {2010, 6, 1}, d2026 = {2026, 6, 1};

  mentions(&f, "South Korean officials met North Korea.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "South Korean officials=KORGOV|North Korea=PRK");

  mentions(&f, "U.S. and South Korean officials spoke.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "U.S.=USAGOV|South Korean officials=KORGOV");

  /* a person codes as government only while in office */
  mentions(&f, "Russian President Vladimir Putin arrived.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "Russian President Vladimir Putin=RUSGOV");
  mentions(&f, "Joe Biden spoke.", d2026, got, sizeof got);
  CHECK_STR_EQ(got, "Joe Biden=USA");
  mentions(&f, "Joe Biden spoke.", d2010, got, sizeof got);
  CHECK_STR_EQ(got, "Joe Biden=USAGOV");

  /* a capital after a locative preposition is a place; a seat of power is a government */
  mentions(&f, "In Pyongyang, the Kremlin said nothing.", d2024, got, sizeof got);
  CHECK(strstr(got, "Pyongyang=PRKGOV@place") != NULL);
  CHECK(strstr(got, "RUSGOV") != NULL);

  /* the country distributes over agents listed after it */
  mentions(&f, "He praised the Russian government, army and people.", d2024, got, sizeof got);
  CHECK(strstr(got, "RUSGOV") && strstr(got, "RUSMIL"));

  /* surnames and pronouns refer back within a document */
  memset(&f.mem, 0, sizeof f.mem);
  mentions(&f, "Kim Jong Un met Vladimir Putin.", d2024, got, sizeof got);
  mentions(&f, "Kim thanked Putin, and he smiled.", d2024, got, sizeof got);   /* subject continuity */
  CHECK_STR_EQ(got, "Kim=PRKGOV|Putin=RUSGOV|he=PRKGOV");
  memset(&f.mem, 0, sizeof f.mem);
  mentions(&f, "Kim Jong Un met Vladimir Putin.", d2024, got, sizeof got);
  mentions(&f, "After the talks he left.", d2024, got, sizeof got);             /* no opening actor: the last one named */
  CHECK_STR_EQ(got, "he=RUSGOV");

  /* "the North" names North Korea only once Korea is in the document */
  memset(&f.mem, 0, sizeof f.mem);
  mentions(&f, "The North launched a rocket.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "");
  mentions(&f, "South Korea said the North launched a rocket.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "South Korea=KOR|the North=PRK");

  /* several actors in one phrase; all-caps acronyms only in capitals */
  mentions(&f, "The two Koreas talked to us.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "The two Koreas=PRK,KOR");
  mentions(&f, "The US spoke.", d2024, got, sizeof got);
  CHECK_STR_EQ(got, "US=USA");
  test_agent_stacks();

  dyad_arena_free(&f.arena);
  dyad_lexcache_free(f.cache);
  dyad_dict_free((dyad_dict *)f.d);
  return harness_done();
}
