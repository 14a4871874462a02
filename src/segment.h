/* segment.h - split normalized document text into sentences with byte offsets, marking
 * headlines and lines of page chrome that must not be coded. */
#ifndef DYAD_SEGMENT_H
#define DYAD_SEGMENT_H
#include <stddef.h>

enum {
  DYAD_SENT_HEADLINE = 1u << 0,  /* a line without final punctuation standing as its own block */
  DYAD_SENT_CHROME   = 1u << 1,  /* interface words ("Close close", "Share", "Advertisement",
                                    "Skip to content", "Read more", ...): not to be coded */
  DYAD_SENT_TOO_LONG = 1u << 2   /* cut at the length cap; coded as is */
};

typedef struct {
  size_t start, end;  /* [start, end) in the text, trimmed of surrounding white space */
  unsigned flags;     /* DYAD_SENT_* */
} dyad_sent;

/* Called once per sentence in text order; return nonzero to stop the scan. */
typedef int (*dyad_sent_fn)(const dyad_sent *s, void *ctx);

/* Longest sentence before it is cut (bytes); keeps the parser's work per sentence bounded. */
#define DYAD_SENT_MAX 4096

/* Splits text[0..n) (normalized UTF-8, quotes already ASCII) into sentences and calls fn for each.
 * Rules: a blank line ends a block and a sentence; '.', '!' and '?' end a sentence when followed
 * by space and an uppercase letter, a digit or an opening quote, or by the end of the block —
 * except after abbreviations (Mr. Mrs. Ms. Dr. Gen. Col. Lt. Sgt. Capt. Adm. Gov. Sen. Rep. Rev.
 * Sr. Jr. St. Prof. Pres. Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. No. vs.
 * etc. i.e. e.g. Inc. Corp. Ltd. Co.), single capital initials ("John F. Kennedy"), and dotted
 * acronyms (U.S., U.N., U.K., E.U.) unless the next word starts a new sentence in an obvious way;
 * a closing quote or bracket right after the end mark belongs to the sentence; a quotation that
 * spans sentences does not prevent the split. A line with no end mark that stands alone as a
 * block is a headline sentence; a trailing " -- Outlet Name" or " | Outlet Name" on a headline
 * (at most six words, each capitalized or a number) is left out of its span. Sentences longer
 * than DYAD_SENT_MAX bytes are cut at a space (flag TOO_LONG). Returns the number of sentences. */
size_t dyad_segment(const char *text, size_t n, dyad_sent_fn fn, void *ctx);
#endif
