/* output.h - write an event as a JSON line, a TSV row (GDELT-like columns) or the readable
 * --explain view. Each writer appends to a capped buffer and returns 0, or -1 when it is full. */
#ifndef DYAD_OUTPUT_H
#define DYAD_OUTPUT_H
#include "dyad.h"
#include "util.h"

int dyad_write_json(const dyad_event *ev, dyad_buf *out);
int dyad_write_tsv(const dyad_event *ev, dyad_buf *out);
int dyad_write_explain(const dyad_event *ev, dyad_buf *out);
/* Appends s[0..n) as a JSON string literal with quotes; control characters are escaped. */
int dyad_json_string(dyad_buf *out, const char *s, size_t n);
#endif
