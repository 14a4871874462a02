/* gazetteer.h - the GeoNames cities compiled at build time (tools/gengaz.c, layout in placekey.h)
 * and embedded in the binary: read-only, shared by every thread, nothing to load or free. */
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H
#include "placekey.h"

/* The embedded table's header, or NULL when the table is missing or malformed. */
const dyad_gaz_header *dyad_gaz_table(void);
/* Records whose key is key[0..n) (already folded with dyad_place_key): sets *first to the first
 * (the most populous) and returns how many there are, 0 when none. Borrowed from the binary. */
size_t dyad_gaz_find(const char *key, size_t n, const dyad_gaz_rec **first);
/* A string of the table's pool (a record's name or key). */
const char *dyad_gaz_str(uint32_t off);
/* How many words the longest key has (0 when the table is empty). */
unsigned dyad_gaz_maxwords(void);
#endif
