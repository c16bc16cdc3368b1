"""The dashboard in headless Chromium (Debian chromium + chromium-driver via Selenium), offline.

Every request outside the local server is blocked, so a CDN or tile server would show up as a missing
map; the test counts the markers, clicks one, and reads its evidence in the article text.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from serve_corpus import XSS_ACTOR, XSS_TEXT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SKIP = (
    "the dashboard browser test needs Debian's chromium and chromium-driver: run `. .ci/chromium.sh` as root "
    "(README command 2 does), or `apt-get install chromium chromium-driver`"
)
SCREENSHOT_ENV = "EVENTWIRE_SCREENSHOT"  # where to save the screenshot; a temporary folder otherwise


@pytest.fixture
def browser(tmp_path: Path):
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip(SKIP)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="eventwire-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", f"--user-data-dir={profile}",
                 # Nothing but the local server is reachable: no name resolves, and every request that is not
                 # to the loopback address goes to a proxy that does not exist (IP literals included).
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_dashboard_shows_markers_evidence_and_inert_html(sqlite_url, served, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base = served(sqlite_url)
    browser.get(base + "/")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.execute_script("return document.body.dataset.loaded") == "events")
    # The basemap: Natural Earth country polygons drawn as SVG paths (no tiles).
    wait.until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path:not(.ew-marker)")) > 100
    )

    markers = browser.find_elements(By.CSS_SELECTOR, "path.ew-marker")
    assert len(markers) == 3  # three events; the two tellings of the Khiam clash are one marker
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 3

    # Click the Khiam marker, see both tellings and the evidence in the article text.
    khiam_id = next(r for r in rows if "Khiam" in r.text).get_attribute("data-event")
    browser.find_element(By.CSS_SELECTOR, f'path.ew-marker[data-event="{khiam_id}"]').click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#article mark.evidence.current")))
    detail = browser.find_element(By.ID, "detail").text
    assert "Armed clash" in detail and "confirmed by the other side" in detail
    tellings = browser.find_elements(By.CSS_SELECTOR, ".telling")
    assert len(tellings) == 2
    stances = {t.find_element(By.CSS_SELECTOR, ".stance").text for t in tellings}
    assert stances == {"claimed", "acknowledged"}
    evidence = {m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article mark.evidence.current")}
    assert {"Khiam"} <= evidence
    assert evidence & {"clashed", "fighting"}
    loaded = browser.find_elements(By.CSS_SELECTOR, "#article mark.loaded_term")
    shown_article = browser.find_element(By.CSS_SELECTOR, "#article .article-text").text
    if "Israeli enemy" in shown_article:
        assert [m.text for m in loaded] == ["Israeli enemy"]

    screenshot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "dashboard.png")
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000

    # The article written to attack the page: its HTML shows as text, nothing of it runs.
    xss_row = next(
        r for r in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr") if "Brigade" in r.text
    )
    xss_row.click()
    wait.until(lambda d: "Rockets <script>" in d.find_element(By.CSS_SELECTOR, "#article .article-text").text)
    assert XSS_ACTOR in browser.find_element(By.ID, "detail").text
    assert browser.find_element(By.CSS_SELECTOR, "#article .article-text").text == XSS_TEXT
    assert browser.execute_script("return window.__xss") is None
    injected = browser.execute_script(
        "return document.querySelectorAll('#detail script, #detail img, #detail svg, #detail b, #events img, "
        "#events script, #events svg').length"
    )
    assert injected == 0
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    loaded_from = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded_from and all(url.startswith(base + "/") for url in loaded_from), loaded_from


def test_empty_store_offers_the_examples_and_a_pasted_article_shows_as_text(
    tmp_path, served, browser, pipeline
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = served(f"sqlite:///{tmp_path / 'empty.db'}")
    browser.get(base + "/")
    wait = WebDriverWait(browser, 120)
    wait.until(lambda d: d.execute_script("return document.body.dataset.loaded") == "events")
    prompt = browser.find_element(By.ID, "empty")
    assert prompt.is_displayed() and "no events" in prompt.text
    browser.find_element(By.ID, "load-examples").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.ew-marker")) >= 5)
    assert not browser.find_element(By.ID, "empty").is_displayed()

    browser.find_element(By.ID, "paste-open").click()
    pasted = "date 2024-11-21\n" + XSS_TEXT
    browser.find_element(By.CSS_SELECTOR, "#paste-form textarea").send_keys(pasted)
    browser.find_element(By.ID, "paste-run").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#paste-result .article-text"))
    assert browser.find_element(By.CSS_SELECTOR, "#paste-result .article-text").text == XSS_TEXT
    assert browser.execute_script("return window.__xss") is None
    assert not browser.find_elements(
        By.CSS_SELECTOR, "#paste-result script, #paste-result img, #paste-result b"
    )
