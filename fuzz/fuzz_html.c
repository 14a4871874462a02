/* fuzz_html.c - libFuzzer target for dyad_html_extract: never crashes or leaks, succeeds or
 * explains why, and returns text whose length matches its NUL and metadata in the promised form.
 * Build: clang -g -fsanitize=fuzzer,address -I../include -I../src fuzz_html.c ../src/html.c ../src/util.c \
 *          $(pkg-config --cflags --libs libxml-2.0) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad_html_doc doc;
  char err[256];
  err[0] = 0;
  int rc = dyad_html_extract((const char *)data, size, &doc, err, sizeof err);
  if (rc == 0) {
    if (!doc.text || strlen(doc.text) != doc.n) abort();
    if (doc.date && (strlen(doc.date) != 10 || doc.date[4] != '-' || doc.date[7] != '-')) abort();
    if (doc.n >= 2 && strstr(doc.text, "\n\n\n")) abort();  /* breaks collapse to one blank line */
    if (doc.n > 0 && (doc.text[0] == ' ' || doc.text[0] == '\n')) abort();
  } else if (rc != -1 || err[0] == 0) {
    abort();
  }
  dyad_html_doc_free(&doc);
  return 0;
}
