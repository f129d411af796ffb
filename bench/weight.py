"""Bytes transferred and requests made by every page of a served site, first visit.

Each page is opened in headless Chromium with the cache disabled, its lazily loaded charts
all fetched (as a reader who reads to the end would, each in the one drawing the browser shows),
and measured from the browser's own network log: the compressed bytes that crossed the wire
and the number of requests.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from lighthouse import chromium


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not {"_static", "_sources", "_assets"} & set(p.parts))


def _driver(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", f"--user-data-dir={profile}", "--window-size=412,823"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return driver


def measure(base_url: str, paths: list[str]) -> dict[str, dict]:
    """{path: {"bytes": transferred, "requests": count, "foreign": requests to other hosts}}."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="ktl-weight-") as profile:
        driver = _driver(profile)
        try:
            for path in paths:
                driver.get_log("performance")  # drop what earlier pages logged
                driver.get(f"{base_url}/{path}")
                # Only the images a reader can see: a chart's drawing for the other colour theme
                # is hidden (display: none) and a browser never fetches it.
                driver.execute_script("document.querySelectorAll('img[loading=lazy]').forEach(i => {"
                                      " if (i.getClientRects().length) i.loading = 'eager'; });"
                                      "window.scrollTo(0, document.body.scrollHeight)")
                time.sleep(1.5)
                results[path] = _tally(driver.get_log("performance"), base_url)
        finally:
            driver.quit()
    return results


def _tally(entries: list[dict], base_url: str) -> dict:
    sent, received, foreign = {}, {}, 0
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("http://", "https://")):
                continue  # data: URIs, and Chromium's own pages (chrome-untrusted://new-tab-page)
            sent[params["requestId"]] = url
            foreign += not url.startswith(base_url)
        elif message["method"] == "Network.loadingFinished":
            received[params["requestId"]] = params.get("encodedDataLength", 0)
    return {"bytes": sum(received.get(rid, 0) for rid in sent), "requests": len(sent), "foreign": foreign}
