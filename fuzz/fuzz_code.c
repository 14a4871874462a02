/* fuzz_code.c - libFuzzer target for the whole `code` path: arbitrary bytes are normalized and
 * coded with the built-in dictionaries; every event must carry evidence inside the text, a rule
 * and a known code. Build with `make fuzz`; run build/fuzz/fuzz_code -max_total_time=60. */
#include "dyad.h"
#include "normalize.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { size_t n; } doc_len;

static int check_event(const dyad_event *ev, void *ctx) {
  const doc_len *d = ctx;
  if (!ev->rule.id || !ev->code || ev->ev_end > d->n || ev->ev_start >= ev->ev_end) abort();
  if (ev->source && (ev->source->end > d->n || ev->source->start >= ev->source->end)) abort();
  if (ev->target && (ev->target->end > d->n || ev->target->start >= ev->target->end)) abort();
  if (ev->quad < 1 || ev->quad > 4) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static dyad_dict *dict;      /* loaded once per fuzzing process */
  static dyad_coder *coder;
  if (!dict) {
    dict = dyad_dict_load(NULL, NULL);
    coder = dyad_coder_new(dict);
    if (!coder) abort();
  }
  size_t n = 0;
  char *text = dyad_normalize((const char *)data, size, &n, NULL);
  if (!text) return 0;
  doc_len d = {n};
  dyad_docinfo info = {"fuzz", "2024-06-19", NULL};
  dyad_code_document(coder, &info, text, n, check_event, &d);
  free(text);
  return 0;
}
