/* html.c - article text and metadata out of an HTML page: libxml2 parses (recovering from
 * malformed markup), then non-recursive tree walks pick the article, drop page chrome and
 * collect title, date, outlet and canonical URL. */
#include "alloc.h"
#include "html.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#define HTML_TEXT_MAX ((size_t)1 << 30)  /* hard cap on extracted text; the rest is dropped */
#define HTML_META_MAX 4096               /* hard cap on one metadata value */
#define HTML_ARTICLE_MIN 200             /* an <article> or <main> needs this much text to win */
#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* ---- small helpers ----------------------------------------------------------------------- */

static int in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Case-insensitive: does hay (looked at up to its first 512 bytes) contain needle? */
static int ci_has(const char *hay, const char *needle) {
  size_t hn = strnlen(hay, 512), nn = strlen(needle);
  for (size_t i = 0; i + nn <= hn; i++) {
    size_t k = 0;
    while (k < nn && lower((unsigned char)hay[i + k]) == needle[k]) k++;
    if (k == nn) return 1;
  }
  return 0;
}

/* Case-insensitive: do the first n bytes of s start with the lowercase word w? */
static int ci_has_prefix(const char *s, size_t n, const char *w) {
  size_t k = 0;
  while (w[k] && k < n && lower((unsigned char)s[k]) == w[k]) k++;
  return w[k] == 0;
}

static int ci_eq(const char *a, const char *b) {
  while (*a && lower((unsigned char)*a) == *b) a++, b++;
  return *a == 0 && *b == 0;
}

static void set_err(char *err, size_t errcap, const char *fmt, ...) {
  if (!err || errcap == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errcap, fmt, ap);
  va_end(ap);
}

/* The value of an attribute node as libxml2's HTML parser stores it (one text child). */
static const char *attr_text(const xmlAttr *a) {
  const xmlNode *c = a->children;
  if (c && c->type == XML_TEXT_NODE && c->next == NULL && c->content) return (const char *)c->content;
  return "";
}

/* The value of attribute name on element e, or NULL. */
static const char *get_attr(const xmlNode *e, const char *name) {
  for (const xmlAttr *a = e->properties; a; a = a->next)
    if (a->name && ci_eq((const char *)a->name, name)) return attr_text(a);
  return NULL;
}

static const char *ename(const xmlNode *e) { return e->name ? (const char *)e->name : ""; }

/* ---- the walker ---------------------------------------------------------------------------- */

typedef int (*enter_fn)(xmlNode *node, void *ctx);   /* returns 1 to descend into the children */
typedef void (*leave_fn)(xmlNode *node, void *ctx);  /* called after the children of a descended node */

/* Visits root's descendants in document order without recursion (parent/next pointers). */
static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *ctx) {
  xmlNode *cur = root->children;
  while (cur) {
    if (enter(cur, ctx)) {
      if (cur->children) {
        cur = cur->children;
        continue;
      }
      if (leave) leave(cur, ctx);
    }
    while (!cur->next) {
      cur = cur->parent;
      if (!cur || cur == root) return;
      if (leave) leave(cur, ctx);
    }
    cur = cur->next;
  }
}

/* ---- what counts as chrome ----------------------------------------------------------------- */

static const char *const SKIP_TAGS[] = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "nav", "header", "footer", "aside", "form", "button", "select",
    "textarea", "input", "head", "title", "meta", "link", NULL};
static const char *const WIDGET_WORDS[] = {
    "share", "social", "cookie", "consent", "newsletter", "subscribe", "promo", "advert",
    "related", "comment", "breadcrumb", "menu", NULL};
static const char *const CHROME_ROLES[] = {
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", NULL};
static const char *const NEVER_WIDGET[] = {"html", "body", "article", "main", NULL};
static const char *const BLOCK_TAGS[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL};

static int names_widget(const char *v) {
  for (const char *const *w = WIDGET_WORDS; *w; w++)
    if (ci_has(v, *w)) return 1;
  return 0;
}

/* style="display:none" or "visibility:hidden", ignoring spaces and case. */
static int style_hides(const char *style) {
  char buf[512];
  size_t k = 0;
  for (size_t i = 0; style[i] && i < 2048 && k + 1 < sizeof buf; i++)
    if (!is_ws(style[i])) buf[k++] = (char)lower((unsigned char)style[i]);
  buf[k] = 0;
  return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* True for elements whose whole subtree is page chrome or hidden. */
static int is_chrome(const xmlNode *e) {
  const char *name = ename(e);
  if (in_list(name, SKIP_TAGS)) return 1;
  if (get_attr(e, "hidden")) return 1;
  const char *v = get_attr(e, "aria-hidden");
  if (v && ci_eq(v, "true")) return 1;
  if ((v = get_attr(e, "style")) && style_hides(v)) return 1;
  if ((v = get_attr(e, "role"))) {
    for (const char *const *r = CHROME_ROLES; *r; r++)
      if (ci_eq(v, *r)) return 1;
  }
  if (in_list(name, NEVER_WIDGET)) return 0;
  if ((v = get_attr(e, "class")) && names_widget(v)) return 1;
  return (v = get_attr(e, "id")) && names_widget(v);
}

/* ---- text buffer with whitespace collapsing ------------------------------------------------ */

typedef struct {
  char *p;
  size_t n, cap;
  int pend_break;  /* 0, 1 ("\n") or 2 ("\n\n") owed before the next text */
  int pend_space;  /* a collapsed space owed before the next text */
  int oom;
} textbuf;

static void tb_add(textbuf *t, const char *s, size_t k) {
  if (t->oom || t->n + k + 1 > HTML_TEXT_MAX) return;  /* past the cap: drop the rest */
  if (t->n + k + 1 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    while (cap < t->n + k + 1) cap *= 2;
    if (cap > HTML_TEXT_MAX) cap = HTML_TEXT_MAX;
    char *p = dyad_realloc(t->p, cap);
    if (!p) {
      t->oom = 1;
      return;
    }
    t->p = p, t->cap = cap;
  }
  memcpy(t->p + t->n, s, k);
  t->n += k;
  t->p[t->n] = 0;
}

static void tb_break(textbuf *t, int level) {
  if (level > t->pend_break) t->pend_break = level;
  t->pend_space = 0;
}

/* Length of the white space at s: 1 for ASCII white space, 2 for a no-break space, else 0. */
static size_t ws_len(const char *s) {
  if (is_ws(*s)) return 1;
  return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 ? 2 : 0;
}

/* Appends inline text, collapsing runs of white space (no-break spaces too) to one space. */
static void tb_text(textbuf *t, const char *s) {
  while (*s && !t->oom) {
    size_t w = ws_len(s);
    if (w) {
      if (t->n > 0 && !t->pend_break) t->pend_space = 1;
      s += w;
      continue;
    }
    size_t k = 0;
    while (s[k] && !ws_len(s + k)) k++;
    if (t->n > 0 && t->pend_break) tb_add(t, "\n\n", (size_t)t->pend_break);
    else if (t->n > 0 && t->pend_space) tb_add(t, " ", 1);
    t->pend_break = t->pend_space = 0;
    tb_add(t, s, k);
    s += k;
  }
}

/* ---- text extraction ----------------------------------------------------------------------- */

typedef struct {
  textbuf *tb;
  int article;  /* extracting an <article>: its <header> gives its headline */
} text_ctx;

static void extract_text(xmlNode *root, textbuf *tb, int article);

/* The first h1..h3 under a header (iteratively, in document order), or NULL. */
static xmlNode *find_heading(xmlNode *root) {
  static const char *const HEADINGS[] = {"h1", "h2", "h3", NULL};
  xmlNode *cur = root->children;
  while (cur) {
    if (cur->type == XML_ELEMENT_NODE && in_list(ename(cur), HEADINGS)) return cur;
    if (cur->type == XML_ELEMENT_NODE && cur->children) {
      cur = cur->children;
      continue;
    }
    while (!cur->next) {
      cur = cur->parent;
      if (!cur || cur == root) return NULL;
    }
    cur = cur->next;
  }
  return NULL;
}

static int text_enter(xmlNode *node, void *vctx) {
  text_ctx *c = vctx;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content) tb_text(c->tb, (const char *)node->content);
    return 0;
  }
  if (node->type != XML_ELEMENT_NODE || c->tb->oom) return 0;
  const char *name = ename(node);
  if (strcmp(name, "br") == 0) {
    tb_break(c->tb, 1);
    return 0;
  }
  int block = in_list(name, BLOCK_TAGS);
  if (block) tb_break(c->tb, 2);
  if (!is_chrome(node)) return 1;
  xmlNode *h;
  if (c->article && strcmp(name, "header") == 0 && !get_attr(node, "hidden") && (h = find_heading(node)) &&
      !is_chrome(h)) {
    extract_text(h, c->tb, 0);  /* one level deep: article is 0 in there */
    tb_break(c->tb, 2);
  }
  return 0;
}

static void text_leave(xmlNode *node, void *vctx) {
  text_ctx *c = vctx;
  if (in_list(ename(node), BLOCK_TAGS)) tb_break(c->tb, 2);
}

static void extract_text(xmlNode *root, textbuf *tb, int article) {
  text_ctx c = {tb, article};
  walk(root, text_enter, text_leave, &c);
}

/* ---- choosing the content root ------------------------------------------------------------- */

typedef struct {
  textbuf best;       /* text of the longest <article> so far */
  textbuf main_text;  /* text of the first <main> */
  int seen_main, oom;
} pick_ctx;

static int pick_enter(xmlNode *node, void *vctx) {
  pick_ctx *c = vctx;
  if (node->type != XML_ELEMENT_NODE || is_chrome(node)) return 0;
  if (strcmp(ename(node), "article") == 0) {
    textbuf t = {0};
    extract_text(node, &t, 1);
    c->oom |= t.oom;
    if (t.n > c->best.n) {
      free(c->best.p);
      c->best = t;
    } else {
      free(t.p);
    }
    return 0;
  }
  if (strcmp(ename(node), "main") == 0 && !c->seen_main) {
    c->seen_main = 1;
    extract_text(node, &c->main_text, 0);
    c->oom |= c->main_text.oom;
  }
  return 1;
}

/* Fills out->text from the longest <article> with HTML_ARTICLE_MIN bytes of text, else the
 * first such <main>, else the whole body. Returns -1 when memory runs out. */
static int pick_text(xmlNode *body, dyad_html_doc *out) {
  pick_ctx c;
  memset(&c, 0, sizeof c);
  textbuf result = {0};
  if (body) walk(body, pick_enter, NULL, &c);
  if (c.best.n >= HTML_ARTICLE_MIN) {
    result = c.best, c.best.p = NULL;
  } else if (c.main_text.n >= HTML_ARTICLE_MIN) {
    result = c.main_text, c.main_text.p = NULL;
  } else if (body) {
    extract_text(body, &result, 0);
  }
  free(c.best.p);
  free(c.main_text.p);
  if (c.oom || result.oom) {
    free(result.p);
    return -1;
  }
  out->text = result.p ? result.p : dyad_calloc(1, 1);
  out->n = result.n;
  return out->text ? 0 : -1;
}

/* ---- metadata ------------------------------------------------------------------------------ */

enum { M_TITLE, M_DATE, M_OUTLET, M_URL, M_COUNT };

typedef struct {
  char *val[M_COUNT];
  int rank[M_COUNT];  /* lower is better; a value is replaced only by a better one */
  int oom;
} meta_ctx;

/* Copies s with white space collapsed and trimmed (at most HTML_META_MAX bytes), or NULL. */
static char *collapse(const char *s) {
  textbuf t = {0};
  char cut[HTML_META_MAX + 1];
  snprintf(cut, sizeof cut, "%s", s);
  tb_text(&t, cut);
  return t.p;
}

static int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

static int month_of(const char *w, size_t k) {
  static const char *const MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
  if (k < 3) return 0;
  for (int m = 0; m < 12; m++)
    if (lower((unsigned char)w[0]) == MONTHS[3 * m] && lower((unsigned char)w[1]) == MONTHS[3 * m + 1] &&
        lower((unsigned char)w[2]) == MONTHS[3 * m + 2])
      return m + 1;
  return 0;
}

/* Reads y, m, d from "YYYY-MM-DD...", "YYYY/MM/DD", "YYYYMMDD", "June 19, 2024" or
 * "Wed, 19 Jun 2024 ..." forms. Returns 0 on success. */
static int scan_date(const char *s, int *y, int *m, int *d) {
  while (is_ws(*s)) s++;
  if (sscanf(s, "%4d-%2d-%2d", y, m, d) == 3 || sscanf(s, "%4d/%2d/%2d", y, m, d) == 3) return 0;
  *y = *m = *d = 0;
  for (size_t i = 0; s[i] && i < 64 && !(*y && *m && *d);) {
    size_t k = 0;
    if (s[i] >= '0' && s[i] <= '9') {
      int v = 0;
      while (s[i + k] >= '0' && s[i + k] <= '9' && k < 9) v = v * 10 + (s[i + k] - '0'), k++;
      if (k == 8 && i == 0) return *y = v / 10000, *m = v / 100 % 100, *d = v % 100, 0;
      if (k == 4 && !*y) *y = v;
      else if (k <= 2 && !*d) *d = v;
    } else if (lower((unsigned char)s[i]) >= 'a' && lower((unsigned char)s[i]) <= 'z') {
      while (lower((unsigned char)s[i + k]) >= 'a' && lower((unsigned char)s[i + k]) <= 'z') k++;
      if (!*m) *m = month_of(s + i, k);
    }
    i += k ? k : 1;
  }
  return *y && *m && *d ? 0 : -1;
}

/* Normalizes a date string to a new "YYYY-MM-DD", or NULL when it is not a valid date. */
static char *norm_date(const char *s) {
  int y, m, d;
  if (scan_date(s, &y, &m, &d) != 0 || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 ||
      d > days_in_month(y, m))
    return NULL;
  char *out = dyad_malloc(11);
  if (out) snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
  return out;
}

static void meta_offer(meta_ctx *c, int field, int rank, const char *value) {
  if (!value || (c->val[field] && c->rank[field] <= rank)) return;
  char *v = field == M_DATE ? norm_date(value) : collapse(value);
  if (!v) return;  /* empty or unparsable: keep looking */
  free(c->val[field]);
  c->val[field] = v;
  c->rank[field] = rank;
}

/* <meta property|name|itemprop=KEY content=...> */
static void meta_tag(meta_ctx *c, const xmlNode *e) {
  static const char *const KEYS[] = {"og:title", "article:published_time", "og:published_time",
                                     "date", "pubdate", "datepublished", "og:site_name",
                                     "application-name", "og:url", NULL};
  static const int FIELD[] = {M_TITLE, M_DATE, M_DATE, M_DATE, M_DATE, M_DATE, M_OUTLET, M_OUTLET, M_URL};
  static const int RANK[] = {0, 0, 1, 2, 3, 4, 0, 1, 1};
  const char *content = get_attr(e, "content");
  if (!content) return;
  const char *attrs[] = {get_attr(e, "property"), get_attr(e, "name"), get_attr(e, "itemprop")};
  for (int a = 0; a < 3; a++)
    for (int k = 0; attrs[a] && KEYS[k]; k++)
      if (ci_eq(attrs[a], KEYS[k])) meta_offer(c, FIELD[k], RANK[k], content);
}

static int meta_enter(xmlNode *node, void *vctx) {
  meta_ctx *c = vctx;
  if (node->type != XML_ELEMENT_NODE) return 0;
  const char *name = ename(node), *v;
  if (strcmp(name, "svg") == 0 || strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
      strcmp(name, "template") == 0)
    return 0;
  if (strcmp(name, "meta") == 0) {
    meta_tag(c, node);
  } else if (strcmp(name, "title") == 0 && !c->val[M_TITLE]) {
    xmlChar *s = xmlNodeGetContent(node);
    if (s) meta_offer(c, M_TITLE, 1, (const char *)s);
    xmlFree(s);
  } else if (strcmp(name, "link") == 0) {
    if ((v = get_attr(node, "rel")) && ci_has(v, "canonical"))
      meta_offer(c, M_URL, 0, get_attr(node, "href"));
  } else if ((v = get_attr(node, "itemprop")) && ci_eq(v, "datepublished")) {
    const char *d = get_attr(node, "datetime");
    meta_offer(c, M_DATE, 4, d ? d : get_attr(node, "content"));
  } else if (strcmp(name, "time") == 0) {
    meta_offer(c, M_DATE, 5, get_attr(node, "datetime"));
  }
  return 1;
}

static void collect_meta(xmlNode *root, dyad_html_doc *out) {
  meta_ctx c;
  memset(&c, 0, sizeof c);
  walk(root, meta_enter, NULL, &c);
  out->title = c.val[M_TITLE];
  out->date = c.val[M_DATE];
  out->outlet = c.val[M_OUTLET];
  out->url = c.val[M_URL];
}

/* ---- entry points -------------------------------------------------------------------------- */

/* Finds a charset label ("<meta charset=X>" or "content=...; charset=X") in the first 4 KB and
 * writes it lowercased to label. Returns 1 when found. */
static int sniff_charset(const char *s, size_t n, char *label, size_t cap) {
  size_t lim = n < 4096 ? n : 4096;
  for (size_t i = 0; i + 7 < lim; i++) {
    if (lower((unsigned char)s[i]) != 'c' || !ci_has_prefix(s + i, lim - i, "charset")) continue;
    size_t j = i + 7, k = 0;
    while (j < lim && (is_ws(s[j]) || s[j] == '=' || s[j] == '"' || s[j] == '\'')) j++;
    while (j < lim && k + 1 < cap && s[j] && (isalnum((unsigned char)s[j]) || strchr("-_:.", s[j])))
      label[k++] = (char)lower((unsigned char)s[j++]);
    label[k] = 0;
    if (k > 0) return 1;
  }
  return 0;
}

/* Converts n bytes from charset cs to UTF-8 with iconv (undecodable bytes become U+FFFD).
 * Returns a new buffer and its length in *out_n, or NULL when memory runs out. */
static char *iconv_utf8(const char *in, size_t n, const char *cs, size_t *out_n) {
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1) cd = iconv_open("UTF-8", "WINDOWS-1252");
  if (cd == (iconv_t)-1) return NULL;
  size_t cap = 3 * n + 16;  /* no input byte yields more than 3 output bytes (U+FFFD is 3) */
  char *out = cap <= (size_t)INT_MAX ? dyad_malloc(cap) : NULL, *ip = (char *)in, *op = out;
  size_t il = n, ol = cap;
  while (out && il > 0) {
    if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1) break;
    if (errno == E2BIG || ol < 3) break;  /* cannot happen within the bound; keep what we have */
    memcpy(op, "\xEF\xBF\xBD", 3), op += 3, ol -= 3;
    ip++, il--;
  }
  iconv_close(cd);
  *out_n = out ? (size_t)(op - out) : 0;
  return out;
}

/* Brings the page to UTF-8 ourselves so libxml2 never converts (its conversion errors would go
 * to the process-wide handler, and 2.9 reads undeclared pages as Latin-1). Text that is mostly
 * valid UTF-8 is UTF-8 whatever it declares (JSON lines "html" fields always are); else the
 * declared charset, or windows-1252. Returns 0 to use the input as is, 1 when *copy (*copy_n
 * bytes) replaces it, -1 when memory runs out. */
static int to_utf8(const char *html, size_t n, char **copy, size_t *copy_n) {
  const unsigned char *s = (const unsigned char *)html;
  size_t valid = 0, invalid = 0, k;
  char cs[48];
  *copy = NULL;
  if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
    *copy = iconv_utf8(html + 2, n - 2, s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", copy_n);
    return *copy ? 1 : -1;
  }
  for (size_t i = 0; i < n; i += k ? k : 1) {
    k = dyad_utf8_len(s + i, n - i);
    valid += k > 1, invalid += k == 0;
  }
  if (invalid == 0) return 0;
  if (valid >= invalid) *copy = dyad_utf8_repair(html, n, invalid, copy_n);
  else if (!sniff_charset(html, n, cs, sizeof cs) || strncmp(cs, "utf", 3) == 0 ||
           strcmp(cs, "iso-8859-1") == 0 || strcmp(cs, "latin1") == 0 || strcmp(cs, "us-ascii") == 0)
    *copy = iconv_utf8(html, n, "WINDOWS-1252", copy_n);
  else
    *copy = iconv_utf8(html, n, cs, copy_n);
  return *copy ? 1 : -1;
}

/* Parses UTF-8 HTML; NULL when libxml2 gives up or memory runs out. */
static xmlDoc *parse_html(const char *html, size_t n) {
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (!ctxt) return NULL;
  xmlDoc *doc = htmlCtxtReadMemory(ctxt, html, (int)n, NULL, "UTF-8", HTML_OPTIONS);
  /* HTML_PARSE_NOERROR/NOWARNING clear this context's error callbacks; no global handler is set. */
  htmlFreeParserCtxt(ctxt);
  return doc;
}

static xmlNode *find_child(xmlNode *parent, const char *name) {
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp(ename(c), name) == 0) return c;
  return NULL;
}

int dyad_html_extract(const char *html, size_t n, dyad_html_doc *out, char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  if (n > (size_t)INT_MAX) {
    set_err(err, errcap, "HTML page of %zu bytes is over libxml2's 2 GiB limit: split the file", n);
    return -1;
  }
  size_t lead = 0;
  while (lead < n && is_ws(html[lead])) lead++;
  char *copy = NULL;
  size_t len = n;
  int conv = lead < n ? to_utf8(html, n, &copy, &len) : 0;
  /* libxml2 stops at a NUL inside an attribute and drops the rest of the page: NULs become spaces */
  if (conv >= 0 && lead < n && memchr(copy ? copy : html, 0, len)) {
    if (!copy && (copy = dyad_malloc(len ? len : 1)) != NULL) memcpy(copy, html, len);
    if (!copy) conv = -1;
    else for (size_t i = 0; i < len; i++) if (!copy[i]) copy[i] = ' ';
  }
  xmlDoc *doc = lead < n && conv >= 0 ? parse_html(copy ? copy : html, len) : NULL;
  free(copy);
  if (!doc && lead < n) {
    if (conv < 0)
      set_err(err, errcap, "out of memory decoding %zu bytes of HTML: free memory or split the input", n);
    else
      set_err(err, errcap, "libxml2 could not parse %zu bytes as HTML: pass the input as text instead", n);
    return -1;
  }
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  if (root) collect_meta(root, out);
  xmlNode *body = find_child(root, "body");
  int rc = pick_text(body ? body : root, out);
  xmlFreeDoc(doc);
  if (rc != 0) {
    dyad_html_doc_free(out);
    set_err(err, errcap, "out of memory extracting HTML text (%zu bytes): free memory or split the input", n);
  }
  return rc;
}

void dyad_html_doc_free(dyad_html_doc *doc) {
  if (!doc) return;
  free(doc->text);
  free(doc->title);
  free(doc->date);
  free(doc->outlet);
  free(doc->url);
  memset(doc, 0, sizeof *doc);
}
