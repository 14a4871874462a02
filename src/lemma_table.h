/* lemma_table.h - private layout of the lexicon tables that tools/genlemma.c generates into
 * build/gen/lemma_table.c from WordNet; only src/lemma.c reads them. */
#ifndef DYAD_LEMMA_TABLE_H
#define DYAD_LEMMA_TABLE_H
#include <stddef.h>
#include <stdint.h>

/* A base form of WordNet's index: pool offset of the word, POS bits (1u << DYAD_LEX_x) and the
 * tagsense_cnt per POS (0 when absent). Sorted by word, byte order (strcmp). */
typedef struct {
  uint32_t off;
  uint8_t pos;
  uint8_t freq[4];
} dyad_lemma_base_entry;

/* An exception-list entry: inflected form -> base form in one POS (0..3). Sorted by form, then
 * POS; at most one entry per (form, POS). */
typedef struct {
  uint32_t form;
  uint32_t base;
  uint8_t pos;
} dyad_lemma_exc_entry;

/* Every word of both tables, each NUL-terminated, sorted and unique. */
extern const char dyad_lemma_pool[];
extern const dyad_lemma_base_entry dyad_lemma_bases[]; /* dyad_lemma_nbases + 1 sentinel */
extern const size_t dyad_lemma_nbases;
extern const dyad_lemma_exc_entry dyad_lemma_excs[];   /* dyad_lemma_nexcs + 1 sentinel */
extern const size_t dyad_lemma_nexcs;
#endif
