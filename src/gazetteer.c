/* gazetteer.c - lookups in the embedded GeoNames table (see gazetteer.h): one hash probe
 * sequence per name, no allocation, no state. */
#include "gazetteer.h"
#include <string.h>

extern const unsigned char dyad_gaz_blob[], dyad_gaz_blob_end[];

const dyad_gaz_header *dyad_gaz_table(void) {
  size_t size = (size_t)(dyad_gaz_blob_end - dyad_gaz_blob);
  const dyad_gaz_header *h = (const dyad_gaz_header *)(const void *)dyad_gaz_blob;
  if (size < sizeof *h || memcmp(h->magic, DYAD_GAZ_MAGIC, 8) != 0) return NULL;
  size_t need = sizeof *h + (size_t)h->nrec * sizeof(dyad_gaz_rec) + (size_t)h->nslots * 4 + h->pool_size;
  if (need > size || h->nslots == 0 || (h->nslots & (h->nslots - 1))) return NULL;
  return h;
}

static const dyad_gaz_rec *records(const dyad_gaz_header *h) { return (const dyad_gaz_rec *)(const void *)(h + 1); }
static const uint32_t *slots(const dyad_gaz_header *h) { return (const uint32_t *)(const void *)(records(h) + h->nrec); }
static const char *pool(const dyad_gaz_header *h) { return (const char *)(slots(h) + h->nslots); }

const char *dyad_gaz_str(uint32_t off) {
  const dyad_gaz_header *h = dyad_gaz_table();
  return h && off < h->pool_size ? pool(h) + off : "";
}

unsigned dyad_gaz_maxwords(void) {
  const dyad_gaz_header *h = dyad_gaz_table();
  return h ? h->maxwords : 0;
}

size_t dyad_gaz_find(const char *key, size_t n, const dyad_gaz_rec **first) {
  const dyad_gaz_header *h = dyad_gaz_table();
  *first = NULL;
  if (!h || !h->nrec) return 0;
  const dyad_gaz_rec *r = records(h);
  const uint32_t *sl = slots(h);
  const char *p = pool(h);
  uint32_t mask = h->nslots - 1, s = dyad_place_hash(key, n) & mask;
  for (uint32_t probes = 0; sl[s] && probes < h->nslots; probes++, s = (s + 1) & mask) {
    uint32_t i = sl[s] - 1;
    if (i >= h->nrec) return 0;
    const char *k = p + r[i].key;
    if (strncmp(k, key, n) != 0 || k[n] != 0) continue;
    size_t count = 1;
    while (i + count < h->nrec && r[i + count].key == r[i].key) count++;
    *first = &r[i];
    return count;
  }
  return 0;
}
