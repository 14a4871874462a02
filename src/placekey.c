/* placekey.c - place-name keys (see placekey.h): the fold both the gazetteer generator and the
 * run-time lookups use. No allocation, no state. */
#include "placekey.h"

/* ASCII base letters of U+00C0..U+017F, 0 where there is none (x and division sign). */
static const char latin_base[] =
  "aaaaaaaceeeeiiiidnooooo\0ouuuuyts" "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"
  "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiiijjkkklllllll"
  "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

/* Decodes one character at s (n bytes left) into its folded ASCII byte, or 0 to keep the bytes
 * as they are; *len is the number of bytes consumed. */
static char fold_char(const unsigned char *s, size_t n, size_t *len) {
  *len = 1;
  if (s[0] < 0x80) return (char)(s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32 : s[0]);
  if ((s[0] & 0xE0) == 0xC0 && n >= 2) {
    unsigned c = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    *len = 2;
    if (c >= 0xC0 && c <= 0x17F) return latin_base[c - 0xC0];
    if (c >= 0x218 && c <= 0x21B) return c < 0x21A ? 's' : 't';   /* Romanian comma-below s, t */
    if (c == 0x2BC || c == 0x2BB) return '\'';
    return 0;
  }
  if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
    unsigned c = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    *len = 3;
    if (c == 0x2018 || c == 0x2019) return '\'';
    if (c >= 0x2010 && c <= 0x2013) return '-';
    return 0;
  }
  return 0;
}

size_t dyad_place_key(const char *s, size_t n, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t o = 0, i = 0;
  int space = 0;
  while (i < n) {
    size_t len;
    char c = fold_char(u + i, n - i, &len);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = o > 0; i += len; continue; }
    size_t need = (c ? 1 : len) + (space ? 1 : 0);
    if (o + need + 1 > cap) return 0;
    if (space) out[o++] = ' ';
    space = 0;
    if (c) out[o++] = c;
    else for (size_t k = 0; k < len; k++) out[o++] = (char)u[i + k];
    i += len;
  }
  if (o == 0) return 0;
  out[o] = 0;
  return o;
}

uint32_t dyad_place_hash(const char *key, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) { h ^= (unsigned char)key[i]; h *= 16777619u; }
  return h;
}
