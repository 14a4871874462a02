/* placekey.h - the one way a place name becomes a lookup key, shared by the build-time gazetteer
 * generator (tools/gengaz.c) and the run-time lookups, so that both always agree: ASCII lowercase,
 * Latin accents dropped ("São Tomé" -> "sao tome"), runs of spaces made one, typographic
 * apostrophes made plain. Also the layout of the compiled gazetteer table. */
#ifndef DYAD_PLACEKEY_H
#define DYAD_PLACEKEY_H
#include <stddef.h>
#include <stdint.h>

#define DYAD_PLACE_KEY_MAX 96   /* longest key in bytes; longer names are not keyed */

/* Writes the key of s[0..n) into out (cap bytes, NUL-terminated) and returns its length, or 0
 * when it would not fit or would be empty. */
size_t dyad_place_key(const char *s, size_t n, char *out, size_t cap);
/* FNV-1a hash of a key, the hash the table's slots use. */
uint32_t dyad_place_hash(const char *key, size_t n);

/* ---- the compiled gazetteer (little-endian, written by tools/gengaz.c) ----
 * header | records[nrec] sorted by key, then population (largest first) | slots[nslots]: index+1
 * of the first record of a key, 0 empty, open addressing from hash & (nslots-1) | string pool. */
#define DYAD_GAZ_MAGIC "DYADGAZ1"
typedef struct {
  char magic[8];
  uint32_t nrec, nslots, pool_size, maxwords;
  uint32_t reserved[2];
} dyad_gaz_header;

typedef struct {
  int32_t lat_e5, lon_e5;   /* degrees * 100000 */
  uint32_t pop;
  uint32_t name, key;       /* offsets into the string pool */
  char cc3[4];              /* ISO alpha-3, "" when the data's alpha-2 is not in our country list */
  char admin1[8];           /* GeoNames first-level admin code ("TX", "12"), "" when none */
  uint8_t flags;            /* DYAD_GAZ_* */
  uint8_t pad[3];
} dyad_gaz_rec;

enum { DYAD_GAZ_CAPITAL = 1, DYAD_GAZ_SEAT = 2 };
#endif
