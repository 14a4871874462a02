#!/usr/bin/env bash
# test_browser.sh - the `dyad serve` page in headless Chromium (CTest label `browser`): over a store
# holding the seed report (or tests/serve/signing.txt when ../shared is absent) and a hostile
# article, clicks the tie between Russia and North Korea, sees the signed agreement (CAMEO 057)
# with its evidence sentence and highlighted spans, searches the hostile article and sees its
# markup shown as text (no alert, no injected element, no javascript: link). Screenshots go to
# $DYAD_BUILD/serve-dyad.png, serve-search.png and serve-map.png. Installs chromium, chromium-driver and
# python3-selenium (Debian) when missing.
# Env: DYAD, DYAD_ROOT, DYAD_BUILD. Prints "N passed, N failed"; exits 1 on a failure.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
BUILD=${DYAD_BUILD:-$ROOT/build}
PY=/usr/bin/python3

missing=""
for p in chromium chromium-driver python3-selenium; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    echo "FAIL test_browser: needs$missing; as root run: apt-get install$missing"; exit 1; fi
  echo "test_browser: installing:$missing"
  # shellcheck disable=SC2086 # one package per word
  timeout 600 "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null \
    || { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
         timeout 600 "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null; } \
    || { echo "FAIL test_browser: could not install$missing"; exit 1; }
fi

TMP=$(mktemp -d) || exit 1
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

SEED=$ROOT/../shared/samples/seed-article.txt
[ -f "$SEED" ] || SEED=$ROOT/tests/serve/signing.txt
DB=$TMP/s.db
timeout 60 "$DYAD" ingest --db "$DB" --date 2024-06-19 "$SEED" "$ROOT/tests/serve/evil.jsonl" 2>"$TMP/err" \
  || { echo "FAIL ingest: $(head -c 300 "$TMP/err")"; exit 1; }
timeout 300 "$DYAD" serve --db "$DB" --port 0 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 50); do grep -q '^listening on ' "$TMP/serve.err" && break; sleep 0.1; done
BASE=$(sed -n 's#^listening on \(http://127\.0\.0\.1:[0-9]*/\)$#\1#p' "$TMP/serve.err")
[ -n "$BASE" ] || { echo "FAIL the server did not start: $(cat "$TMP/serve.err")"; exit 1; }
mkdir -p "$BUILD"

timeout 110 "$PY" - "$BASE" "$TMP/profile" "$BUILD" <<'PYEOF'
import sys, time
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, profile, build = sys.argv[1:4]
passed = failed = 0

def check(desc, cond):
    global passed, failed
    if cond: passed += 1; print("ok  ", desc)
    else: failed += 1; print("FAIL", desc)

opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile]:
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
driver.set_page_load_timeout(30)
wait = WebDriverWait(driver, 20)

def no_alert():
    try:
        driver.switch_to.alert.dismiss()
        return False
    except NoAlertPresentException:
        return True

try:
    driver.get(base)
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    check("the page loads and draws the network", len(driver.find_elements(By.CSS_SELECTOR, "#network .tie")) >= 1)
    tie = driver.find_elements(By.CSS_SELECTOR, '#network .tie[data-dyad="PRK,RUS"]')
    check("a tie between PRK and RUS", len(tie) == 1)
    tie[0].find_element(By.CSS_SELECTOR, "line.hit").click()
    try:
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#events li[data-code="057"]'))
    except TimeoutException:
        pass
    check("the dyad view opens with its timeline", not driver.find_element(By.ID, "dyad-view").get_attribute("hidden")
          and len(driver.find_elements(By.CSS_SELECTOR, "#timeline rect")) >= 1)
    check("the title names the dyad", driver.find_element(By.ID, "dyad-title").text == "PRK \u2013 RUS")
    signed = driver.find_elements(By.CSS_SELECTOR, '#events li[data-code="057"]')
    check("the signed agreement (CAMEO 057) is listed", len(signed) >= 1)
    if signed:
        ev = signed[0].find_element(By.CSS_SELECTOR, ".evidence")
        check("with its evidence sentence", "signed a new partnership agreement" in ev.text)
        marks = {m.get_attribute("class"): m.text for m in ev.find_elements(By.TAG_NAME, "mark")}
        check("source, verb and target highlighted", "Putin" in marks.get("src", marks.get("tgt", ""))
              and "signed" in marks.get("verb", "") and "Kim Jong Un" in (marks.get("tgt", "") + marks.get("src", "")))
        why = signed[0].find_element(By.CSS_SELECTOR, ".why").text
        check("the rule and the merged reports are shown", "057:sign" in why and "merged" in why)
    driver.save_screenshot(build + "/serve-dyad.png")

    box = driver.find_element(By.ID, "search-text")
    box.send_keys("onerror")
    driver.find_element(By.CSS_SELECTOR, "#search button").click()
    wait.until(lambda d: "onerror" in d.find_element(By.ID, "events-title").text)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#events .evidence"))
    text = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "#events .evidence"))
    check("the hostile article's markup is shown as text", "<script>alert('xss')</script>" in text and "onerror=alert(1)" in text)
    time.sleep(0.3)
    check("no alert fired", no_alert())
    check("no element was injected (our two scripts, no img, no svg onload)",
          len(driver.find_elements(By.TAG_NAME, "script")) == 2 and not driver.find_elements(By.TAG_NAME, "img")
          and not driver.find_elements(By.CSS_SELECTOR, "[onload],[onerror]"))
    links = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    check("no javascript: link", not any(h.lower().startswith("javascript:") for h in links))
    driver.save_screenshot(build + "/serve-search.png")

    driver.find_element(By.CSS_SELECTOR, 'nav button[data-tab="map"]').click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map circle.place"))
    check("the map draws country outlines (world.js) and places coloured by QuadClass",
          len(driver.find_elements(By.CSS_SELECTOR, "#map .land path")) > 100
          and all(c.get_attribute("class").split()[1] in ("q1", "q2", "q3", "q4") for c in driver.find_elements(By.CSS_SELECTOR, "#map circle.place")))
    driver.save_screenshot(build + "/serve-map.png")
    place = driver.find_elements(By.CSS_SELECTOR, "#map circle.place")[-1]   # the busiest, drawn last
    name = place.get_attribute("data-place")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", place)
    wait.until(lambda d: d.find_element(By.ID, "events-title").text == "Events in " + name)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#events li"))
    check("clicking a place lists its events (%s)" % name, not driver.find_element(By.ID, "tab-network").get_attribute("hidden")
          and len(driver.find_elements(By.CSS_SELECTOR, "#events li[data-code]")) >= 1)

    driver.find_element(By.CSS_SELECTOR, 'nav button[data-tab="claims"]').click()
    driver.find_element(By.CSS_SELECTOR, 'nav button[data-tab="commitments"]').click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#commitments li"))
    check("commitments list the agreement", "agreement" in driver.find_element(By.ID, "commitments").text)
    errors = [l for l in driver.get_log("browser") if l["level"] == "SEVERE"]
    check("no errors in the console (CSP included): %s" % [l["message"][:120] for l in errors], not errors)
finally:
    driver.quit()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PYEOF
