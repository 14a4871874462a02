/* token.h - split text into word, number, punctuation, quote and possessive tokens with byte
 * offsets. Dictionary phrases and sentences go through the same function, so they always agree
 * on where words begin and end. */
#ifndef DYAD_TOKEN_H
#define DYAD_TOKEN_H
#include <stddef.h>
#include <stdint.h>

enum { DYAD_TK_WORD = 0, DYAD_TK_NUM, DYAD_TK_PUNCT, DYAD_TK_QUOTE, DYAD_TK_POSS };

typedef struct {
  uint32_t start, end;   /* [start, end) relative to the scanned buffer plus base */
  uint8_t kind;          /* DYAD_TK_* */
} dyad_tokspan;

/* Scans s[0..n) and writes at most cap tokens; returns how many tokens there are (which may be
 * more than cap). Words keep inner hyphens ("US-led"), inner apostrophes ("O'Brien"), dotted
 * acronyms and initials ("U.S.", "N."); "'s" and a bare "'" after a plural are DYAD_TK_POSS;
 * "n't" is its own word; "--" is one punctuation token; '"' is a quote token. */
size_t dyad_tokenize(const char *s, size_t n, size_t base, dyad_tokspan *out, size_t cap);

/* Lowercases a token into out (ASCII letters plus Latin-1 capitals). Dots are kept, so "u.s." and
 * "us" stay different words and the dictionaries list both. Returns the length written (<= cap). */
size_t dyad_token_lower(const char *s, size_t n, char *out, size_t cap);
#endif
