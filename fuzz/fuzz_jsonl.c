/* fuzz_jsonl.c - libFuzzer target for dyad_jsonl_parse and dyad_sniff_format: never crashes or
 * leaks; a success has text or html with consistent lengths, a failure a message.
 * Build: clang -g -fsanitize=fuzzer,address -I../include -I../src fuzz_jsonl.c ../src/jsonl.c ../src/util.c -ljansson */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int f = dyad_sniff_format((const char *)data, size);
  if (f != 'j' && f != 'h' && f != 't') abort();
  dyad_jsonl_rec rec;
  char err[256];
  err[0] = 0;
  int rc = dyad_jsonl_parse((const char *)data, size, &rec, err, sizeof err);
  if (rc == 0) {
    if (!rec.text && !rec.html) abort();
    if (rec.text && rec.text[rec.text_n] != 0) abort();
    if (rec.html && rec.html[rec.html_n] != 0) abort();
    if (f != 'j') abort();  /* every JSON object starts with '{' after white space */
  } else if (rc != -1 || err[0] == 0) {
    abort();
  }
  dyad_jsonl_rec_free(&rec);
  return 0;
}
