/* lemma.h - the WordNet-derived lexicon: which parts of speech a word form can take, its base
 * form in each, and how often WordNet's tagged corpus saw each. The table is generated at build
 * time from Debian's wordnet-base by tools/genlemma.c and is read-only static data. */
#ifndef DYAD_LEMMA_H
#define DYAD_LEMMA_H
#include <stddef.h>

enum { DYAD_LEX_N = 0, DYAD_LEX_V = 1, DYAD_LEX_A = 2, DYAD_LEX_R = 3, DYAD_LEX_NPOS = 4 };

typedef struct {
  unsigned pos;                       /* bit (1u << DYAD_LEX_x) set for each POS the form can take */
  const char *lemma[DYAD_LEX_NPOS];   /* base form per POS (static storage), NULL if not that POS */
  unsigned char lemma_n[DYAD_LEX_NPOS];
  unsigned freq[DYAD_LEX_NPOS];       /* WordNet tagged-sense count of that lemma in that POS */
} dyad_lexinfo;

/* Looks up a lowercase word form (UTF-8, n bytes) and fills *out. Applies WordNet's exception
 * lists first ("went" -> go, "children" -> child), then the regular suffix rules checked against
 * the base-form index ("signed" -> sign, "allegations" -> allegation, "supplies" -> supply).
 * The form itself counts when it is a base form. Returns 1 if any POS was found, else 0 (and
 * *out is zeroed). Never allocates; safe from any thread. */
int dyad_lex_lookup(const char *word, size_t n, dyad_lexinfo *out);

/* Number of distinct base forms in the table (for `dyad dict stats`). */
size_t dyad_lex_size(void);
#endif
