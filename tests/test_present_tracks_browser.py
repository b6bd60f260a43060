"""Flight tracks in a real Chromium (Debian's, /usr/bin/chromium; skipped where absent): the report and the
live dashboard of a run over examples/tracks/synthetic_track.csv plus one short article draw the route on
the map and the observations in the timeline, and an observation opens its track log with its line marked.
No console error, no request beyond the page or loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from test_browser_pages import assert_clean, browser, serving, shot, watch  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser


def observations(out: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in (out / "observations.jsonl").read_text(encoding="utf-8").splitlines()]
    return {o["id"]: o for o in rows}


def route_vertices(d: str) -> int:
    return len(re.findall(r"[ML]", d))


def check_map(page, obs: dict[str, dict]) -> None:
    """The route as one polyline through every point of details.route, the airport, the orbit ring
    (drawn again in a zoomed inset when the article's events lie far from the track)."""
    flight = next(o for o in obs.values() if o["type"] == "flight")
    routes = page.locator(f"#map-chart g.route[data-id='{flight['id']}'] path.route-line")
    assert routes.count() in (1, 2)
    for d in routes.evaluate_all("els => els.map(e => e.getAttribute('d'))"):
        assert route_vertices(d) == len(flight["details"]["route"])
    svg = routes.last.locator("xpath=ancestor::*[local-name()='svg'][1]")  # the inset where there is one
    assert svg.locator("text.airport-label").all_text_contents() == ["landing MUHA"]
    assert svg.locator("text.airport-name").first.text_content() == "Jose Marti International Airport, Havana"
    assert svg.locator("circle.obs-ring").count() == 2  # the orbit and the loiter
    assert "route of RA-99001" in page.locator("#map-chart .track-legend").inner_text()
    path_box = routes.last.bounding_box()
    assert path_box["width"] > svg.bounding_box()["width"] / 10  # framed on the track, not the whole world


def check_timeline(page, obs: dict[str, dict]) -> None:
    """One pill per observation in the lane, in time order, its tooltip saying who, when and which line."""
    pills = page.locator("#timeline-chart rect.obs-hit")
    assert pills.count() == len(obs)
    assert [obs[i]["type"] for i in pills.evaluate_all("els => els.map(e => e.dataset.id)")] == [
        "flight", "detour", "gap", "orbit", "loiter", "landing"]
    assert "Flight tracks: 6 observation(s)" in page.locator("#timeline-chart text.lane-title").text_content()
    landing = page.locator("#timeline-chart rect.obs-hit[data-kind='landing']")
    tip = landing.locator("title").text_content()
    ob = obs[landing.get_attribute("data-id")]
    assert tip.startswith("landing: RA-99001 · Il-76MD · callsign RFF9101")
    assert "2024-03-10 11:05:20 – 11:07:20 UTC" in tip
    assert "MUHA Jose Marti International Airport, Havana (CUB)" in tip
    assert "log: " + ob["provenance"]["text"][:200] in tip
    assert page.locator("#timeline-chart rect.bar-hit").count() >= 1  # the article's and the track's events


def check_opens_log(page, obs: dict[str, dict], where: str, screenshot: str | None = None) -> None:
    """Clicking an observation opens the track's log document with exactly its line marked."""
    mark = page.locator(f"{where}[data-kind='orbit']").last  # the zoomed inset's, where the map has one
    ob = obs[mark.get_attribute("data-id")]
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    mark.click(position={"x": box["width"] / 2, "y": 2})  # the pill's or the ring's top edge, clear of dots
    page.wait_for_selector("#doc-panel:not([hidden]) .doc-text.log mark.current")
    assert "".join(page.locator("#doc-body mark.current").all_text_contents()) == ob["provenance"]["text"]
    facts = page.locator("#doc-body dl.meta").nth(1).inner_text()
    assert "RA-99001" in facts and "2024-03-10 10:18:40 – 10:56:20 UTC" in facts and "Florida Straits" in facts
    assert page.locator("#doc-body h2").text_content() == "ADS-B track: RA-99001, 2024-03-10"
    if screenshot:
        shot(page, screenshot)
    page.click("#doc-close")
    assert page.locator("#doc-panel").is_hidden()


def test_browser_tracks_report_shows_route_and_observations(browser, tracks_out):  # noqa: F811
    obs = observations(tracks_out)
    seen = watch(browser, (tracks_out / "report.html").as_uri())
    page = seen.page
    page.locator("#timeline").scroll_into_view_if_needed()
    check_timeline(page, obs)
    shot(page, "tracks-report-timeline.png")
    check_map(page, obs)
    page.locator("#map").scroll_into_view_if_needed()
    shot(page, "tracks-report-map.png")
    check_opens_log(page, obs, "#timeline-chart rect.obs-hit")
    check_opens_log(page, obs, "#map-chart circle.obs-ring", "tracks-report-log.png")
    assert_clean(seen, {("file", "")})
    page.close()


def test_browser_tracks_dashboard_live(browser, tracks_out, tmp_path):  # noqa: F811
    import shutil

    obs = observations(tracks_out)
    db = tmp_path / "casus.duckdb"
    shutil.copyfile(tracks_out / "casus.duckdb", db)
    with serving(db) as url:
        seen = watch(browser, url)
        page = seen.page
        check_timeline(page, obs)
        check_map(page, obs)
        check_opens_log(page, obs, "#timeline-chart rect.obs-hit")
        page.locator("#map").scroll_into_view_if_needed()
        shot(page, "tracks-dashboard-map.png")
        assert any("/api/observations?" in u for u in seen.requests)
        assert any("/api/documents/synthetic_track" in u for u in seen.requests)
        assert_clean(seen, {("http", urlparse(url).netloc)})
        page.close()


HOSTILE = '<img src=x onerror="window.__xss=1">'


def hostile_report(out: Path, folder: Path) -> str:
    """The run's records with markup planted in every free-text field of each observation."""
    from casus.link import LinkResult
    from casus.present.report import render_report

    def read(name: str) -> list[dict]:
        return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]

    obs = read("observations.jsonl")
    for ob in obs:
        ob["aircraft"] |= {"operator": HOSTILE, "registration": "RA-99001" + HOSTILE}
        ob["place"] |= {"name": HOSTILE, "region": "</script><script>window.__xss=2</script>"}
        ob["details"]["note"] = HOSTILE
    path = folder / "hostile.html"
    path.write_text(render_report(read("documents.jsonl"), read("events.jsonl"), [], LinkResult(), obs),
                    encoding="utf-8")
    return path.as_uri()


def test_browser_tracks_observation_text_is_shown_as_text(browser, tracks_out, tmp_path):  # noqa: F811
    seen = watch(browser, hostile_report(tracks_out, tmp_path))
    page = seen.page
    tip = page.locator("#timeline-chart rect.obs-hit[data-kind='landing'] title").text_content()
    assert tip.startswith("landing: RA-99001" + HOSTILE + " · Il-76MD · callsign RFF9101 · " + HOSTILE)
    page.locator("#timeline-chart rect.obs-hit[data-kind='landing']").click()
    page.wait_for_selector("#doc-panel:not([hidden]) mark.current")
    facts = page.locator("#doc-body dl.meta").nth(1).inner_text()
    assert HOSTILE in facts and "over </script><script>window.__xss=2</script>" in facts
    assert "note: " + HOSTILE in facts
    assert HOSTILE in page.locator("#map-chart text.airport-name").first.text_content()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img, iframe, [onerror], #doc-body script, svg script").count() == 0
    assert_clean(seen, {("file", "")})
    page.close()
