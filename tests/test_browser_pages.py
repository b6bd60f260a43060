"""report.html and the live dashboard in a real Chromium (Debian's, at /usr/bin/chromium; nothing is
downloaded): they load with no console error and no request beyond the page or loopback, the filters
narrow the table, a row opens its evidence, and hostile article text is shown as text."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from casus.link import LinkResult
from casus.present.report import render_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
XSS_PROBE = "() => [window.__xss, document.title]"


@dataclass
class Watched:
    """A page and everything it did: console errors, uncaught exceptions, requests and dialogs."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (scripts/install-chromium.sh installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (test extras)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def watch(browser, url: str) -> Watched:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    seen = Watched(page)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("dialog", lambda d: (seen.errors.append("dialog: " + d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_function("() => document.getElementById('status').textContent.includes('event mention')")
    return seen


def wait_rows(page, n: int) -> None:
    page.wait_for_function(f"() => document.querySelectorAll('#event-table tbody tr').length === {n}")


def rows(page) -> int:
    return page.locator("#event-table tbody tr").count()


def shot(page, name: str, full: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 10_000
    return path


@pytest.fixture(scope="module")
def report_url(tmp_path_factory, present_records) -> str:
    docs, events, tables = present_records
    html = render_report([d.to_json() for d in docs], [e.to_json() for e in events], [], LinkResult(**tables))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """``casus serve``'s app on a free loopback port, in a thread, for the duration."""
    import uvicorn

    from casus.present.api import LOOPBACK_HOSTS, create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, allowed_hosts=list(LOOPBACK_HOSTS)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def live_url(tmp_path_factory, present_db) -> Iterator[str]:
    db = tmp_path_factory.mktemp("live") / "casus.duckdb"
    shutil.copyfile(present_db, db)
    with serving(db) as url:
        yield url


def assert_clean(seen: Watched, allowed_origins: set[str]) -> None:
    assert seen.errors == []
    outside = [u for u in seen.requests if (urlparse(u).scheme, urlparse(u).netloc) not in allowed_origins]
    assert outside == []


def check_filters(page) -> None:
    assert rows(page) == 7
    page.select_option("#f-type", "COERCE")
    wait_rows(page, 2)
    page.fill("#f-actor", "col")
    wait_rows(page, 0)
    page.click("#filters button[type=reset]")
    page.fill("#f-text", "patrol")
    wait_rows(page, 1)
    assert "MOBILIZE" in page.locator("#event-table tbody tr").first.inner_text()
    page.click("#filters button[type=reset]")
    wait_rows(page, 7)


def check_evidence(page, present_records) -> None:
    """Open the mention that follows the emoji of the embedded post: offsets must survive UTF-16."""
    _, events, _ = present_records
    accuse = next(e for e in events if e.type == "ACCUSE")
    page.click(f"#event-table tr[data-id='{accuse.id}']")
    page.wait_for_selector("#doc-panel:not([hidden]) mark.current")
    marked = "".join(page.locator("#doc-body mark.current").all_text_contents())
    assert marked == accuse.evidence_text
    assert page.locator("#doc-body .doc-text s").first.text_content().startswith("Related: Oil prices")
    assert "@NavyWatch" in page.locator("#doc-body .embed-tag").first.text_content()
    assert page.locator("#doc-body .doc-text .embed").first.text_content().count("🚢") == 2
    seize = next(e for e in events if e.type == "COERCE" and e.status == "occurred")
    page.click(f"#event-table tr[data-id='{seize.id}']")
    page.wait_for_function("() => document.querySelector('#doc-body mark.current').textContent.startsWith('United')")
    chain = page.locator("#doc-body ol.chain li").all_text_contents()
    assert chain[0] == "officials familiar with the operation — anonymous_official"
    assert "2 mention(s) of this event in 2 document(s) from 2 outlet(s)" in page.locator("#doc-body").inner_text()


def check_xss(page) -> None:
    """Every payload of the hostile article is on screen as text, and none of them ran."""
    page.click("#event-table tr:has-text('THREATEN')")
    page.wait_for_selector("#doc-panel:not([hidden]) mark.current")
    page.locator("#network").scroll_into_view_if_needed()
    page.mouse.move(300, 300)
    assert page.evaluate(XSS_PROBE)[0] is None
    assert page.title().startswith("Casus")
    body = page.locator("#doc-body").inner_text()
    assert "<script>window.__xss=1;document.title='pwned'</script>" in body  # the title, as text
    assert "<a href=\"javascript:window.__xss=1;" in body  # the article's link, as text
    assert 'javascript:window.__xss=1' in page.locator("#doc-body dl.meta").first.inner_text()  # the URL: not a link
    assert page.locator("a[href^='javascript' i], [onerror], [onload], [onmouseover], img, iframe").count() == 0
    assert page.locator("#doc-body script, #event-table script, #network-chart script").count() == 0
    assert "<img src=x onerror=" in page.locator("#event-table").inner_text()


def test_browser_report_offline_and_clean(browser, report_url, present_records):
    seen = watch(browser, report_url)
    page = seen.page
    assert page.locator("#summary-body .card b").first.text_content() == "3"
    assert page.locator("#timeline-chart rect.bar-hit").count() == 6
    assert page.locator("#map-chart circle.point").count() == 5
    assert page.locator("#network-chart circle.node").count() >= 4
    assert page.locator("#escalation-chart path").count() == 2
    assert page.locator("#contradiction-list .side .card").count() == 2
    shot(page, "report-full.png", full=True)
    check_filters(page)
    check_evidence(page, present_records)
    shot(page, "report-evidence.png")
    check_xss(page)
    assert_clean(seen, {("file", "")})
    page.close()


def test_browser_timeline_bar_selects_its_mentions(browser, report_url):
    seen = watch(browser, report_url)
    seen.page.click("#timeline-chart rect[data-cluster='cl_seize']")
    wait_rows(seen.page, 2)
    assert "Only event" in seen.page.locator("#selection").inner_text()
    assert_clean(seen, {("file", "")})
    seen.page.close()


def test_browser_dashboard_live_from_the_api(browser, live_url, present_records):
    seen = watch(browser, live_url)
    page = seen.page
    assert "live from the API" in page.locator("#status").text_content()
    with page.expect_response(lambda r: "/api/events?" in r.url and "type=COERCE" in r.url):
        page.select_option("#f-type", "COERCE")
    wait_rows(page, 2)
    page.click("#filters button[type=reset]")
    wait_rows(page, 7)
    check_evidence(page, present_records)
    shot(page, "dashboard-evidence.png")
    check_xss(page)
    origin = urlparse(live_url)
    assert any("/api/documents/" in u for u in seen.requests)
    assert_clean(seen, {(origin.scheme, origin.netloc)})
    assert origin.hostname == "127.0.0.1"
    page.close()


def check_first_row_evidence(page, events_by_id: dict[str, dict]) -> None:
    row = page.locator("#event-table tbody tr").first
    event = events_by_id[row.get_attribute("data-id")]
    row.click()
    page.wait_for_selector("#doc-panel:not([hidden]) mark.current")
    assert "".join(page.locator("#doc-body mark.current").all_text_contents()) == event["evidence"]["text"]


def test_browser_seed_report_and_dashboard(browser, seeds_out, seed_events):
    """The run's own report.html and a dashboard over its store, on the three seed articles."""
    by_id = {e["id"]: e for e in seed_events}
    seen = watch(browser, (seeds_out / "report.html").as_uri())
    assert rows(seen.page) == min(len(seed_events), 500)
    shot(seen.page, "seeds-report.png", full=True)
    check_first_row_evidence(seen.page, by_id)
    assert_clean(seen, {("file", "")})
    seen.page.close()

    with serving(seeds_out / "casus.duckdb") as url:
        seen = watch(browser, url)
        assert rows(seen.page) == min(len(seed_events), 500)
        shot(seen.page, "seeds-dashboard.png", full=True)
        check_first_row_evidence(seen.page, by_id)
        assert_clean(seen, {("http", urlparse(url).netloc)})
        seen.page.close()
