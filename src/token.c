/* token.c - the one tokenizer: words, numbers, punctuation, quotes, possessives, with offsets. */
#include "token.h"
#include <string.h>

/* Byte classes in a table the compiler fills: an ASCII letter, a digit, a byte >= 0x80. */
enum { CL_ALPHA = 1, CL_DIGIT = 2, CL_HIGH = 4 };
#define CLASS(c)                                                                     \
  (((((c) | 32) >= 'a' && ((c) | 32) <= 'z') ? CL_ALPHA : 0) |                       \
   ((c) >= '0' && (c) <= '9' ? CL_DIGIT : 0) | ((c) >= 0x80 ? CL_HIGH : 0))
#define CLASS4(c) CLASS(c), CLASS((c) + 1), CLASS((c) + 2), CLASS((c) + 3)
#define CLASS16(c) CLASS4(c), CLASS4((c) + 4), CLASS4((c) + 8), CLASS4((c) + 12)
#define CLASS64(c) CLASS16(c), CLASS16((c) + 16), CLASS16((c) + 32), CLASS16((c) + 48)
static const unsigned char byte_class[256] = {CLASS64(0), CLASS64(64), CLASS64(128), CLASS64(192)};

static int is_alpha(unsigned char c) { return byte_class[c] & CL_ALPHA; }
static int is_digit(unsigned char c) { return byte_class[c] & CL_DIGIT; }
static int is_wordc(unsigned char c) { return byte_class[c] != 0; }

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
  int num = is_digit(s[i]) != 0;
  while (j < n) {
    unsigned char c = s[j], cl = byte_class[c];
    if (cl & CL_ALPHA) { num = 0; j++; continue; }   /* the common case first */
    if (cl & CL_DIGIT) { j++; continue; }
    if (cl & CL_HIGH) {
      if (utf8_punct_len(s + j, n - j)) break;
      num = 0;
      j++;
      continue;
    }
    if (j + 1 < n && (c == '-' ) && is_wordc(s[j + 1]) && j > i) { num = 0; j++; continue; }
    if ((c == '.' || c == ',') && num && j + 1 < n && is_digit(s[j + 1])) { j++; continue; }
    if (c == '\'' && j + 1 < n && is_alpha(s[j + 1])) {
      /* "'s" + boundary is a possessive; "n't" splits; otherwise an inner apostrophe */
      if ((s[j + 1] | 32) == 's' && (j + 2 >= n || !is_wordc(s[j + 2]))) break;
      if ((s[j + 1] | 32) == 't' && j > i && (s[j - 1] | 32) == 'n' && (j + 2 >= n || !is_wordc(s[j + 2]))) {
        *numeric = num;
        return j - 1 - i > 0 ? j - 1 - i : j - i;
      }
      j++;
      continue;
    }
    break;
  }
  *numeric = num;
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
