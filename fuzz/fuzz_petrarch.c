/* fuzz_petrarch.c - libFuzzer target for the TABARI/PETRARCH dictionary reader: the first byte
 * picks the kind (verbs, actors, agents, discards), the rest is one file's text; it is converted
 * in memory, and what converts is loaded through the ordinary loader and used to code a sentence.
 * Build with `make fuzz`; run build/fuzz/fuzz_petrarch -max_total_time=60. */
#include "dyad.h"
#include "petrarch.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int ignore(const dyad_event *ev, void *ctx) { (void)ev; (void)ctx; return 0; }

/* Contract checks on a finished conversion: counts within the tables, every file named. */
static void check_conv(const dyad_petrarch_conv *c) {
  if (c->nfiles > DYAD_PETR_MAX_FILES || c->ndiscards > DYAD_PETR_MAX_DISCARDS) abort();
  for (size_t i = 0; i < c->nfiles; i++)
    if (!c->files[i].path || (c->files[i].size && !c->files[i].data)) abort();
  for (size_t i = 0; i < c->ndiscards; i++)
    if (!c->discards[i]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  int kind = data[0] % DYAD_PETR_NKINDS;
  static const char *const names[] = {"f.verbs.txt", "f.actors.txt", "f.agents.txt", "f.discards.txt"};
  dyad_petrarch_conv c;
  dyad_petrarch_conv_init(&c);
  int st = dyad_petrarch_convert_text(&c, kind, names[kind], (const char *)data + 1, size - 1);
  if (st != DYAD_OK && st != DYAD_ENOMEM) abort();
  check_conv(&c);
  const char text[] = "Northland signed an agreement with Southland. The ministry said police would restore ties.";
  dyad_petrarch_discarded(&c, text, sizeof text - 1);
  dyad_dict *d = dyad_petrarch_dict(&c, NULL);
  if (d) {
    dyad_coder *coder = dyad_coder_new(d);
    dyad_docinfo info = {"fuzz", "2024-06-19", NULL};
    if (coder) dyad_code_document(coder, &info, text, sizeof text - 1, ignore, NULL);
    dyad_coder_free(coder);
    dyad_dict_free(d);
  }
  dyad_petrarch_conv_free(&c);
  return 0;
}
