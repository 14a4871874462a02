/* test_output.c - unit tests for the JSON writer of output.c: an event written in full (field
 * order, escapes, nulls, spans), Goldstein numbers as "%.1f" writes them, and a full buffer. */
#include "harness.h"
#include "output.h"

#include <stdio.h>
#include <stdlib.h>

static dyad_actor actor(const char *code, const char *text, size_t start) {
  dyad_actor a;
  memset(&a, 0, sizeof a);
  a.code = code;
  a.text.p = text;
  a.text.n = strlen(text);
  a.start = start;
  a.end = start + a.text.n;
  a.entry = "country:RUS:Russia";
  a.file = "actors/countries.txt";
  a.line = 7;
  return a;
}

static dyad_event event(const dyad_actor *src, const dyad_actor *tgt) {
  dyad_event ev;
  memset(&ev, 0, sizeof ev);
  ev.doc = "d\"1";
  ev.sent = 12;
  strcpy(ev.id, "abc-12-0");
  strcpy(ev.date, "2024-06-19");
  ev.date_precision = DYAD_DATE_MONTH;
  ev.source = src;
  ev.target = tgt;
  ev.code = "112";
  strcpy(ev.root, "11");
  ev.quad = 3;
  ev.goldstein = -2.0;
  ev.plover = "DISAPPROVE";
  ev.mode.future = 1;
  ev.evidence.p = "Russia\tblamed\nUkraine.";
  ev.evidence.n = strlen(ev.evidence.p);
  ev.ev_start = 100;
  ev.ev_end = 100 + ev.evidence.n;
  ev.verb_start = 107;
  ev.verb_end = 113;
  ev.rule.id = "112:blame $";
  ev.rule.file = "verbs/11.txt";
  ev.rule.line = 40;
  ev.rule.pattern = "blame $";
  ev.rule.grammar = "svo";
  return ev;
}

static void test_full_record(void) {
  dyad_actor s = actor("RUS", "Russia", 100), t = actor("UKR", "Ukraine", 114);
  t.role = "UKRGOV 2019-05-20..";
  t.how = "coref:surname";
  dyad_event ev = event(&s, &t);
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  CHECK_INT_EQ(dyad_write_json(&ev, &b), 0);
  CHECK_STR_EQ(b.p,
    "{\"id\":\"abc-12-0\",\"doc\":\"d\\\"1\",\"sent\":12,\"date\":\"2024-06-19\",\"date_precision\":\"month\","
    "\"source\":{\"code\":\"RUS\",\"name\":null,\"text\":\"Russia\",\"span\":[100,106],\"entry\":\"country:RUS:Russia\","
    "\"role\":null,\"agent\":null,\"how\":\"name\",\"file\":\"actors/countries.txt\",\"line\":7},"
    "\"target\":{\"code\":\"UKR\",\"name\":null,\"text\":\"Ukraine\",\"span\":[114,121],\"entry\":\"country:RUS:Russia\","
    "\"role\":\"UKRGOV 2019-05-20..\",\"agent\":null,\"how\":\"coref:surname\",\"file\":\"actors/countries.txt\",\"line\":7},"
    "\"code\":\"112\",\"root\":\"11\",\"quad\":3,\"goldstein\":-2.0,\"plover\":\"DISAPPROVE\","
    "\"mode\":{\"negated\":false,\"future\":true,\"hypothetical\":false,\"conditional\":false,\"historical\":false},"
    "\"attribution\":null,\"evidence\":{\"text\":\"Russia\\tblamed\\nUkraine.\",\"span\":[100,122],\"verb\":[107,113]},"
    "\"rule\":{\"id\":\"112:blame $\",\"file\":\"verbs/11.txt\",\"line\":40,\"pattern\":\"blame $\",\"grammar\":\"svo\"},\"sanctions\":[],\"place\":null}\n");
  /* with a place (issue 6) */
  ev.place.name = "Kyiv";
  strcpy(ev.place.country, "UKR");
  ev.place.lat = 50.45; ev.place.lon = 30.5238;
  ev.place.precision = DYAD_PLACE_CITY; ev.place.basis = DYAD_BASIS_DATELINE;
  ev.place.start = 0; ev.place.end = 4;
  b.n = 0;
  CHECK_INT_EQ(dyad_write_json(&ev, &b), 0);
  const char *tail = "\"place\":{\"name\":\"Kyiv\",\"country\":\"UKR\",\"admin1\":null,\"lat\":50.45000,\"lon\":30.52380,"
                     "\"precision\":\"city\",\"basis\":\"dateline\",\"span\":[0,4]}}\n";
  CHECK(b.n > strlen(tail) && strcmp(b.p + b.n - strlen(tail), tail) == 0);
  dyad_buf_free(&b);
}

static void test_attribution_and_nulls(void) {
  dyad_actor s = actor("RUS", "Moscow", 0);
  dyad_event ev = event(&s, NULL);
  ev.stance = DYAD_STANCE_DENY;
  ev.speaker = &s;
  ev.rule.line = -1;
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  CHECK_INT_EQ(dyad_write_json(&ev, &b), 0);
  CHECK(strstr(b.p, "\"target\":null,") != NULL);
  CHECK(strstr(b.p, "\"attribution\":{\"speaker\":{\"code\":\"RUS\",\"text\":\"Moscow\"},\"stance\":\"deny\"}") != NULL);
  CHECK(strstr(b.p, "\"line\":-1,") != NULL);
  dyad_buf_free(&b);
}

/* Goldstein numbers must read exactly as printf("%.1f") writes them. */
static void test_goldstein(void) {
  const double g[] = {0.0, -0.0, 10.0, -10.0, 3.4, -7.2, 2.8, 0.1, -0.1, 1.05, 0.05, -0.04, 123456.7, 1e300};
  for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
    dyad_event ev = event(NULL, NULL);
    ev.goldstein = g[i];
    dyad_buf b;
    dyad_buf_init(&b, 1 << 20);
    CHECK_INT_EQ(dyad_write_json(&ev, &b), 0);
    char want[400];
    snprintf(want, sizeof want, "\"goldstein\":%.1f,", g[i]);
    if (!strstr(b.p, want)) fprintf(stderr, "goldstein %g: want %s in %s\n", g[i], want, b.p);
    CHECK(strstr(b.p, want) != NULL);
    dyad_buf_free(&b);
  }
}

/* Coordinates must read exactly as printf("%.5f") writes them: edge values (ties, negative
 * zero, values that round to zero, out of range) and 200,000 pseudo-random degrees. */
static int place_matches(double lat, double lon) {
  dyad_event ev = event(NULL, NULL);
  ev.place.name = "X";
  ev.place.lat = lat; ev.place.lon = lon;
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  int ok = dyad_write_json(&ev, &b) == 0;
  char want[1600];
  snprintf(want, sizeof want, "\"lat\":%.5f,\"lon\":%.5f,\"precision\":\"city\",\"basis\":\"clause\",\"span\":[0,0]}}\n", lat, lon);
  ok = ok && b.n >= strlen(want) && strcmp(b.p + b.n - strlen(want), want) == 0;
  if (!ok) fprintf(stderr, "place %.17g %.17g: want %s in %s\n", lat, lon, want, b.p);
  dyad_buf_free(&b);
  return ok;
}

static void test_coordinates(void) {
  const double edge[] = {0.0, -0.0, 0.015625, -0.015625, 0.000005, 0.0000049999, -0.000004, 2.5e-6, 7.5e-6,
                         89.999995, -179.999995, 180.0, 37.015625, 1.0 / 3, 999999.999996, 1e6, -1e7, 1e300};
  int bad = 0;
  for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) bad += !place_matches(edge[i], -edge[i]);
  unsigned long long x = 88172645463325252ULL;
  for (int i = 0; i < 100000 && bad < 5; i++) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    double lat = (double)(x % 18000001ULL) / 1e5 - 90.0;            /* five-decimal values */
    double lon = (double)(x >> 11) / 9007199254740992.0 * 360 - 180;  /* any double */
    bad += !place_matches(lat, lon);
  }
  CHECK_INT_EQ(bad, 0);
}

static void test_control_escapes(void) {
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  CHECK_INT_EQ(dyad_json_string(&b, "a\x01\\b\"\r\x7f", 7), 0);
  CHECK_STR_EQ(b.p, "\"a\\u0001\\\\b\\\"\\r\x7f\"");
  dyad_buf_free(&b);
}

/* The reference escaper, one byte at a time. */
static void escape_slow(const unsigned char *s, size_t n, char *out) {
  *out++ = '"';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (c == '"' || c == '\\') out += sprintf(out, "\\%c", c);
    else if (c == '\n') out += sprintf(out, "\\n");
    else if (c == '\t') out += sprintf(out, "\\t");
    else if (c == '\r') out += sprintf(out, "\\r");
    else if (c < 0x20) out += sprintf(out, "\\u%04x", c);
    else *out++ = (char)c;
  }
  strcpy(out, "\"");
}

/* Every byte that needs an escape, at every position of strings of 0 to 24 bytes whose other
 * bytes are plain (ASCII, 0x7f and bytes >= 0x80, among them '"' and '\\' with the high bit
 * set), matches the reference: the word-at-a-time scan misses nothing and finds no false one. */
static void test_escape_positions(void) {
  static const unsigned char esc[] = {'"', '\\', 0, 1, '\t', '\n', '\r', 0x1f};
  static const unsigned char plain[] = {'a', ' ', 0x7f, 0x80, 0xa2, 0xdc, 0xff, 0x21, 0x5b, 0xe0};
  unsigned char s[24];
  char want[24 * 6 + 3];
  dyad_buf b;
  dyad_buf_init(&b, 1 << 20);
  for (size_t n = 0; n <= sizeof s; n++)
    for (size_t at = 0; at <= n; at++)
      for (size_t e = 0; e < sizeof esc; e++) {
        for (size_t i = 0; i < n; i++) s[i] = plain[(i * 7 + n) % sizeof plain];
        if (at < n) s[at] = esc[e];
        b.n = 0;
        CHECK_INT_EQ(dyad_json_string(&b, (const char *)s, n), 0);
        escape_slow(s, n, want);
        CHECK_STR_EQ(b.p, want);
      }
  dyad_buf_free(&b);
  /* a string that does not fit fails without passing the cap */
  dyad_buf_init(&b, 8);
  CHECK_INT_EQ(dyad_json_string(&b, "abcdefgh", 8), -1);
  CHECK(b.n <= 8);
  dyad_buf_free(&b);
}

static void test_full_buffer(void) {
  dyad_actor s = actor("RUS", "Russia", 100);
  dyad_event ev = event(&s, &s);
  dyad_buf b;
  dyad_buf_init(&b, 200);
  CHECK_INT_EQ(dyad_write_json(&ev, &b), -1);
  CHECK(b.n <= 200);
  dyad_buf_free(&b);
}

int main(void) {
  test_full_record();
  test_attribution_and_nulls();
  test_goldstein();
  test_coordinates();
  test_control_escapes();
  test_escape_positions();
  test_full_buffer();
  return harness_done();
}
