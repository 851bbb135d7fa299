"""The site in a real headless Chromium: search and open a role, switch language, run an example query,
download a dump, use it by keyboard, on a phone-sized screen and without JavaScript.

Needs Debian's chromium and chromium-driver (scripts/install-browser.sh installs them; .ci/run calls it).
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from .pages import BAL, first_of_class, label_of, open_store, path_of

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _start_chromium(profile: Path, downloads: Path, javascript: bool = True) -> webdriver.Chrome:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("Chromium is not installed: run scripts/install-browser.sh (as root) first")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,900"]:
        options.add_argument(flag)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture(scope="module")
def browser_folders():
    folder = Path(tempfile.mkdtemp(prefix="balgraph-browser-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(browser_folders):
    driver = _start_chromium(browser_folders / "profile", browser_folders / "downloads")
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def store(built_store):
    return open_store(built_store)


def screenshot(driver: webdriver.Chrome, name: str) -> Path:
    """Save a full-page screenshot as tests/artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 5000))
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait_for(driver, condition, seconds: float = 10):
    return WebDriverWait(driver, seconds).until(condition)


def test_search_with_autocomplete_opens_a_role(server, browser, store):
    role = first_of_class(store, BAL + "Role")
    name = label_of(store, role, "nb")
    browser.get(server.url + "/?lang=nb")

    field = browser.find_element(By.ID, "site-search")
    field.send_keys(name[:5].lower())
    wait_for(browser, ready.visibility_of_element_located((By.CSS_SELECTOR, "#site-search-suggestions li")))
    assert field.get_attribute("aria-expanded") == "true"
    options = browser.find_elements(By.CSS_SELECTOR, "#site-search-suggestions li")
    position = next(i for i, option in enumerate(options) if option.text.startswith(name))
    screenshot(browser, "search-suggestions")

    for _ in range(position + 1):
        field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == f"suggestion-{position}"
    field.send_keys(Keys.ENTER)
    wait_for(browser, ready.url_contains(path_of(role)))
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    screenshot(browser, "role-page-nb")


def test_language_switch_is_remembered_across_pages(server, browser, store):
    standard = first_of_class(store, BAL + "SkillsStandard")
    browser.get(server.url + path_of(standard) + "?lang=nb")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"

    browser.find_element(By.CSS_SELECTOR, "a.language-switch").click()
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert browser.find_element(By.TAG_NAME, "h1").text == label_of(store, standard, "en")
    assert browser.find_element(By.CSS_SELECTOR, "section.balance h2").text == "The balance model"
    screenshot(browser, "standard-page-en")

    browser.get(server.url + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    screenshot(browser, "home-en")
    browser.find_element(By.CSS_SELECTOR, "a.language-switch").click()
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb")


def test_example_query_runs_and_shows_a_table(server, browser):
    browser.get(server.url + "/query?lang=en")
    browser.find_element(By.CSS_SELECTOR, "a[data-example='10-standards-overview']").click()
    wait_for(browser, ready.presence_of_element_located((By.CSS_SELECTOR, "table.result-table tbody tr")))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.result-table tbody tr")
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.result-table th")]
    assert headers[:3] == ["standard", "role", "sector"]
    assert len(rows) >= 1
    formats = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "section.results ul.formats a")]
    assert formats == ["SPARQL JSON", "SPARQL XML", "CSV", "TSV"]
    screenshot(browser, "query-results")


def test_dump_downloads_from_the_downloads_page(server, browser, browser_folders, served_build):
    downloads = browser_folders / "downloads"
    browser.get(server.url + "/download/?lang=en")
    screenshot(browser, "downloads")
    browser.find_element(By.CSS_SELECTOR, "a[href='/download/standards.ttl.gz']").click()

    build = served_build
    expected = downloads / f"balgraph-standards-{build.build_id}.ttl.gz"
    deadline = time.monotonic() + 20
    while not expected.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert expected.exists(), f"no download arrived; found {sorted(p.name for p in downloads.glob('*'))}"
    triples = list(ox.parse(gzip.decompress(expected.read_bytes()), format=ox.RdfFormat.TURTLE))
    assert len(triples) == build.graphs["https://w3id.org/balgraph/graph/standards"]


def test_keyboard_reaches_skip_link_and_search_first(server, browser):
    browser.get(server.url + "/?lang=en")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed()
    focused.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"

    browser.get(server.url + "/?lang=en")
    names = []
    # Skip link, site name, language switch, the six links of the main navigation, search field.
    for _ in range(10):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        names.append(element.get_attribute("id") or element.text)
    assert "site-search" in names
    assert "SPARQL queries" in names
    assert "Validation" in names
    assert "Match and mismatch" in names


@pytest.mark.parametrize("name, path", [("home", "/"), ("standard", None), ("query", "/query?example=20-learning-outcomes"),
                                        ("downloads", "/download/"), ("validation", "/validate")])
def test_pages_fit_a_phone_screen(server, browser, store, name, path):
    path = path or path_of(first_of_class(store, BAL + "SkillsStandard"))
    browser.set_window_size(390, 844)
    try:
        browser.get(server.url + path + ("&" if "?" in path else "?") + "lang=nb")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow} px wider than a phone screen"
        screenshot(browser, f"phone-{name}")
    finally:
        browser.set_window_size(1280, 900)


def test_search_works_without_javascript(server, browser_folders, store):
    driver = _start_chromium(browser_folders / "profile-nojs", browser_folders / "downloads-nojs", javascript=False)
    try:
        role = first_of_class(store, BAL + "Role")
        name = label_of(store, role, "nb")
        driver.get(server.url + "/?lang=nb")
        field = driver.find_element(By.ID, "site-search")
        assert field.get_attribute("role") != "combobox", "the autocomplete script ran although JavaScript is off"
        field.send_keys(name + Keys.ENTER)
        wait_for(driver, ready.url_contains("/search?q="))
        driver.find_element(By.CSS_SELECTOR, f"section.result-group a[href='{path_of(role)}']").click()
        wait_for(driver, ready.url_contains(path_of(role)))
        assert driver.find_element(By.TAG_NAME, "h1").text == name
        screenshot(driver, "role-page-without-javascript")
    finally:
        driver.quit()


# Return the words in the cells matched by the CSS selector arguments[0] that the browser laid
# out over more than one line, leaving out IRIs and code.
WORDS_BROKEN_ACROSS_LINES = """
const broken = [];
for (const cell of document.querySelectorAll(arguments[0])) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("code, .iri")) continue;  // IRIs may break anywhere
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) broken.push(match[0]);
    }
  }
}
return broken;
"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/rank?person=person/bever&lang=en", "/download/?lang=nb"])
def test_table_headings_keep_whole_words(server, browser, path, width):
    browser.set_window_size(width, 900)
    try:
        browser.get(server.url + path)
        broken = browser.execute_script(WORDS_BROKEN_ACROSS_LINES, "th")
        assert broken == [], f"{path} at {width} px breaks these words across lines: {broken}"
        screenshot(browser, f"table-headings-{width}-{path.strip('/').split('?')[0] or 'home'}")
    finally:
        browser.set_window_size(1280, 900)
