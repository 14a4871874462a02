/* fuzz_dict.c - libFuzzer target for our dictionary formats: the input is split into an actor
 * file, a pattern file and a CAMEO table at the first two 0xFF bytes, loaded from memory, and if
 * it loads, checked and used to code a short text. Build with `make fuzz`. */
#include "dict.h"
#include "dictcheck.h"
#include "dyad.h"
#include <stdint.h>
#include <string.h>

static int ignore(const dyad_event *ev, void *ctx) { (void)ev; (void)ctx; return 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *p = (const char *)data;
  const char *cut1 = memchr(p, 0xFF, size);
  size_t n1 = cut1 ? (size_t)(cut1 - p) : size;
  const char *rest = cut1 ? cut1 + 1 : p + size;
  size_t nrest = size - (size_t)(rest - p);
  const char *cut2 = memchr(rest, 0xFF, nrest);
  size_t n2 = cut2 ? (size_t)(cut2 - rest) : nrest;
  const char *tab = cut2 ? cut2 + 1 : "057\t05\t1\t8.0\tAGREE\tsigned\n";
  size_t n3 = cut2 ? nrest - n2 - 1 : strlen(tab);
  dyad_dict_text files[3] = {{"actors/f.txt", p, n1}, {"verbs/f.txt", rest, n2}, {"cameo.tsv", tab, n3}};
  dyad_dict *d = dyad_dict_load_texts(files, 3, 0, NULL);
  if (!d) return 0;
  dyad_dict_check(d, NULL);
  dyad_coder *c = dyad_coder_new(d);
  const char text[] = "France signed an agreement with Germany. He said they would not sign.";
  dyad_docinfo info = {"fuzz", "2024-06-19", NULL};
  if (c) dyad_code_document(c, &info, text, sizeof text - 1, ignore, NULL);
  dyad_coder_free(c);
  dyad_dict_free(d);
  return 0;
}
