/* token.c - the one tokenizer: words, numbers, punctuation, quotes, possessives, with offsets. */
#include "token.h"
#include <string.h>

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_wordc(unsigned char c) { return is_alpha(c) || is_digit(c) || c >= 0x80; }

/* U+2026 ellipsis, U+2022 bullet, U+00B7 middle dot are punctuation, not letters. */
static size_t utf8_punct_len(const unsigned char *p, size_t left) {
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA6 || p[2] == 0xA2)) return 3;
  if (left >= 2 && p[0] == 0xC2 && p[1] == 0xB7) return 2;
  return 0;
}

/* Length of the dotted acronym or initial starting at i ("U.S.", "N."), or 0. */
static size_t acronym_len(const unsigned char *s, size_t n, size_t i) {
  size_t j = i;
  int letters = 0;
  while (j + 1 < n && is_alpha(s[j]) && s[j + 1] == '.') {
    letters++;
    j += 2;
  }
  if (letters == 0) return 0;
  if (letters == 1 && !(s[i] >= 'A' && s[i] <= 'Z')) return 0;
  if (j < n && is_wordc(s[j]) && letters == 1) return 0;  /* "e.g" handled as word+punct */
  return j - i;
}

static size_t word_len(const unsigned char *s, size_t n, size_t i, int *numeric) {
  size_t j = i;
  *numeric = is_digit(s[i]);
  while (j < n) {
    unsigned char c = s[j];
    if (c >= 0x80 && utf8_punct_len(s + j, n - j)) break;
    if (is_wordc(c)) { if (!is_digit(c)) *numeric = 0; j++; continue; }
    if (j + 1 < n && (c == '-' ) && is_wordc(s[j + 1]) && j > i) { *numeric = 0; j++; continue; }
    if ((c == '.' || c == ',') && *numeric && j + 1 < n && is_digit(s[j + 1])) { j++; continue; }
    if (c == '\'' && j + 1 < n && is_alpha(s[j + 1])) {
      /* "'s" + boundary is a possessive; "n't" splits; otherwise an inner apostrophe */
      if ((s[j + 1] | 32) == 's' && (j + 2 >= n || !is_wordc(s[j + 2]))) break;
      if ((s[j + 1] | 32) == 't' && j > i && (s[j - 1] | 32) == 'n' && (j + 2 >= n || !is_wordc(s[j + 2]))) {
        return j - 1 - i > 0 ? j - 1 - i : j - i;
      }
      j++;
      continue;
    }
    break;
  }
  return j - i;
}

size_t dyad_tokenize(const char *str, size_t n, size_t base, dyad_tokspan *out, size_t cap) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, k = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { i++; continue; }
    size_t len = 0;
    uint8_t kind = DYAD_TK_PUNCT;
    size_t pl;
    if (c == '"') { len = 1; kind = DYAD_TK_QUOTE; }
    else if (c == '\'') {
      if (i + 1 < n && (s[i + 1] | 32) == 's' && i > 0 && is_wordc(s[i - 1]) && (i + 2 >= n || !is_wordc(s[i + 2]))) {
        len = 2; kind = DYAD_TK_POSS;
      } else if (i > 0 && (s[i - 1] | 32) == 's' && (i + 1 >= n || !is_wordc(s[i + 1]))) {
        len = 1; kind = DYAD_TK_POSS;
      } else { len = 1; kind = DYAD_TK_QUOTE; }
    } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      len = 2;
      while (i + len < n && s[i + len] == '-') len++;
    } else if (c >= 0x80 && (pl = utf8_punct_len(s + i, n - i)) > 0) {
      len = pl;
    } else if (c == 'n' && i + 2 < n && s[i + 1] == '\'' && (s[i + 2] | 32) == 't' && (i + 3 >= n || !is_wordc(s[i + 3]))) {
      len = 3; kind = DYAD_TK_WORD;
    } else if (is_wordc(c)) {
      size_t al = is_alpha(c) ? acronym_len(s, n, i) : 0;
      int numeric = 0;
      if (al) { len = al; kind = DYAD_TK_WORD; }
      else { len = word_len(s, n, i, &numeric); kind = numeric ? DYAD_TK_NUM : DYAD_TK_WORD; }
      if (len == 0) len = 1;
    } else {
      len = 1;
    }
    if (k < cap) {
      out[k].start = (uint32_t)(base + i);
      out[k].end = (uint32_t)(base + i + len);
      out[k].kind = kind;
    }
    k++;
    i += len;
  }
  return k;
}

size_t dyad_token_lower(const char *str, size_t n, char *out, size_t cap) {
  const unsigned char *s = (const unsigned char *)str;
  size_t k = 0;
  for (size_t i = 0; i < n && k < cap; i++) {
    unsigned char c = s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    else if (c == 0xC3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E && s[i + 1] != 0x97 && k + 1 < cap) {
      out[k++] = (char)c; out[k++] = (char)(s[++i] + 0x20); continue;  /* Latin-1 capitals */
    }
    out[k++] = (char)c;
  }
  return k;
}
