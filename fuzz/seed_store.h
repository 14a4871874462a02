/* seed_store.h - the small store that fuzz_query and fuzz_serve read: built once per process in
 * a temp directory from the documents each target gives, removed when the fuzzer exits. Included
 * by one target file each (static functions, no separate object). */
#ifndef DYAD_FUZZ_SEED_STORE_H
#define DYAD_FUZZ_SEED_STORE_H
#include "dyad.h"
#include "ingest.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char seed_store_dir[] = "/tmp/dyad-fuzz-store-XXXXXX";

/* Removes the temp store at exit (the target keeps its connection open until then). */
static void seed_store_remove(void) {
  static const char *const parts[] = {"/store.db", "/store.db-wal", "/store.db-shm"};
  char path[128];
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s%s", seed_store_dir, parts[i]);
    unlink(path);
  }
  rmdir(seed_store_dir);
}

/* Ingests docs[0..n), dated dates[i % ndates], with the built-in dictionaries into a new temp
 * store and writes its path to path[0..cap); aborts on any failure or when fewer than min_events
 * events were stored (a setup bug, not a finding). */
static void seed_store_build(const char *const *docs, size_t n, const char *const *dates, size_t ndates,
                             long min_events, char *path, size_t cap) {
  char err[512];
  if (!mkdtemp(seed_store_dir)) abort();
  atexit(seed_store_remove);
  snprintf(path, cap, "%s/store.db", seed_store_dir);
  dyad_store *s = NULL;
  if (dyad_store_open(path, 1, 1000, &s, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  dyad_dict *d = dyad_dict_load(NULL, NULL);
  dyad_coder *c = d ? dyad_coder_new(d) : NULL;
  dyad_ingest *g = c ? dyad_ingest_new(s, c, d, 0) : NULL;
  if (!g) abort();
  for (size_t i = 0; i < n; i++) {
    char id[16];
    snprintf(id, sizeof id, "d%zu", i);
    dyad_input_doc doc = {id, dates[i % ndates], "Outlet", NULL, NULL, docs[i], strlen(docs[i]), "fuzz", 0};
    if (dyad_ingest_doc(g, &doc, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  }
  if (dyad_ingest_commit(g, err, sizeof err) != DYAD_OK) { fprintf(stderr, "%s\n", err); abort(); }
  if ((long)dyad_ingest_get_counts(g)->events < min_events) { fprintf(stderr, "fuzz: the seed store has too few events\n"); abort(); }
  dyad_ingest_free(g);
  dyad_coder_free(c);
  dyad_dict_free(d);
  dyad_store_close(s);
}
#endif
