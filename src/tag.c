/* tag.c - tokenize one sentence and attach what the lexicon knows of each token: lowercase
 * form, dictionary word id, verb and noun lemmas (WordNet), closed-class tags, quoting. The
 * contextual choice between noun, verb and adjective is made later by the parser. */
#include "sentence.h"
#include "lemma.h"
#include <string.h>

/* A sentence is cut by the segmenter at DYAD_SENT_MAX bytes, so it never has more tokens. */
#define MAX_TOKENS 4096

static void lex_info(const dyad_dict *d, dyad_arena *a, dyad_tok *t) {
  dyad_lexinfo li;
  size_t n = strlen(t->lower);
  if (!dyad_lex_lookup(t->lower, n, &li)) return;
  t->lexpos = li.pos;
  if (li.lemma[DYAD_LEX_V]) {
    t->lemv = dyad_dict_word(d, li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V]);
    t->vlemma = dyad_arena_strndup(a, li.lemma[DYAD_LEX_V], li.lemma_n[DYAD_LEX_V]);
    t->fv = li.freq[DYAD_LEX_V] + 1;
    if (li.lemma_n[DYAD_LEX_V] == n && memcmp(li.lemma[DYAD_LEX_V], t->lower, n) == 0) t->vform = VF_BASE;
    else if (n > 3 && memcmp(t->lower + n - 3, "ing", 3) == 0) t->vform = VF_ING;
    else if (t->lower[n - 1] == 's') t->vform = VF_3SG;
    else t->vform = VF_PAST;
  }
  if (li.lemma[DYAD_LEX_N]) {
    t->lemn = dyad_dict_word(d, li.lemma[DYAD_LEX_N], li.lemma_n[DYAD_LEX_N]);
    t->fn = li.freq[DYAD_LEX_N] + 1;
    t->plural = !(li.lemma_n[DYAD_LEX_N] == n && memcmp(li.lemma[DYAD_LEX_N], t->lower, n) == 0);
  }
}

static int all_caps(const char *p, size_t n) {
  int up = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] >= 'a' && p[i] <= 'z') return 0;
    if (p[i] >= 'A' && p[i] <= 'Z') up++;
  }
  return up > 0;
}

int dyad_tag_sentence(const dyad_dict *d, dyad_arena *a, dyad_sentence *s) {
  const char *base = s->text + s->start;
  size_t len = s->end - s->start;
  size_t n = dyad_tokenize(base, len, s->start, NULL, 0);
  if (n > MAX_TOKENS) n = MAX_TOKENS;
  dyad_tokspan *sp = dyad_arena_alloc(a, (n ? n : 1) * sizeof *sp);
  s->t = dyad_arena_alloc(a, (n ? n : 1) * sizeof *s->t);
  if (!sp || !s->t) return -1;
  dyad_tokenize(base, len, s->start, sp, n);
  s->n = (int)n;
  int quoted = 0;
  for (size_t i = 0; i < n; i++) {
    dyad_tok *t = &s->t[i];
    t->start = sp[i].start;
    t->end = sp[i].end;
    t->kind = sp[i].kind;
    t->word = t->lemv = t->lemn = -1;
    t->mention = t->np = -1;
    const char *p = s->text + t->start;
    size_t tl = t->end - t->start;
    char *low = dyad_arena_alloc(a, tl + 1);
    if (!low) return -1;
    dyad_token_lower(p, tl, low, tl);
    t->lower = low;
    t->cap = (p[0] >= 'A' && p[0] <= 'Z') || (unsigned char)p[0] == 0xC3;
    t->allcaps = (uint8_t)all_caps(p, tl);
    t->word = dyad_dict_word(d, low, tl);
    if (t->kind == DYAD_TK_QUOTE) { quoted = !quoted; t->tag = T_QUOTE; continue; }
    t->quoted = (uint8_t)quoted;
    if (t->kind == DYAD_TK_PUNCT) { t->tag = T_PUNCT; continue; }
    if (t->kind == DYAD_TK_POSS) { t->tag = T_POSS; continue; }
    if (t->kind == DYAD_TK_NUM) { t->tag = T_NUM; continue; }
    t->tag = (uint8_t)dyad_closed_class(low, tl, &t->aux);
    if (t->tag == T_WORD) lex_info(d, a, t);
  }
  return 0;
}
