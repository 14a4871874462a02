/* normalize.h - turn raw input bytes into the normalized UTF-8 text that every evidence span
 * points into: valid UTF-8 (bad bytes become U+FFFD), NFC, one form for quotes and dashes,
 * LF line ends, no control characters. */
#ifndef DYAD_NORMALIZE_H
#define DYAD_NORMALIZE_H
#include <stddef.h>

typedef struct {
  size_t invalid;    /* invalid UTF-8 sequences replaced with U+FFFD */
  size_t controls;   /* control characters (NUL included) replaced with a space */
} dyad_norm_stats;

/* Returns a new NUL-terminated string (caller frees with free()) and its length in *out_n.
 * Mapping: CRLF and CR -> LF; tab, NBSP and other Unicode spaces -> ' '; other C0/C1 controls and
 * NUL -> ' '; zero-width characters and soft hyphens removed; curly and angle single quotes
 * -> '\''; curly, low and guillemet double quotes -> '"'; en dash, em dash, horizontal bar and
 * minus sign -> "--"; everything else NFC (utf8proc). stats may be NULL.
 * Returns NULL only when memory runs out. */
char *dyad_normalize(const char *in, size_t n, size_t *out_n, dyad_norm_stats *stats);
#endif
