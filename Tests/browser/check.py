#!/usr/bin/env python3
"""Checks a built sample site in headless Chromium; called by Tests/browser/run.sh.

Loads search/index.html?q=… from file:// and over HTTP under a subpath, reads the
results out of the DOM Chromium dumps after the page's scripts ran, and compares
them with the sample content's expected titles. Also checks that result links
lead to built pages and that no page logs a JavaScript error, and writes
screenshots. Exits 1 with a list of failures.
"""
import argparse
import html.parser
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

# Queries against the sample content in Content/ and what they must find, in order
# when `ordered`; `absent` titles must not be found.
CASES = [
    {"q": "ferry", "ordered": True, "expect": [
        "Ferry crews vote to strike over winter rosters",
        "Port board backs second ferry berth at Eastquay"]},
    # Every word must match.
    {"q": "ferry strike", "ordered": True, "expect": ["Ferry crews vote to strike over winter rosters"]},
    # Diacritics are folded: "krakow" finds "Kraków".
    {"q": "krakow", "ordered": True,
     "expect": ["Harwick Youth Choir returns from Kraków with a prize and a new commission"]},
    # The last word is a prefix; titles with a hit come first, then newest first.
    {"q": "harb", "prefix_of_results": True, "expect": [
        "Winter Lights festival returns with an all-LED trail along the harbour",
        "Microplastics found in a third of harbour mussels, laboratory study finds"],
     "absent": ["Cliff-top telescope catches a comet's double tail"]},
    # Words only in an article's body (not its title or summary) are found too, in any case.
    {"q": "HADDOCK", "ordered": True, "expect": ["Cod fetches record price at Harwick fish market as quotas tighten"]},
    {"q": "floodli", "ordered": True, "expect": ["Winter Lights festival returns with an all-LED trail along the harbour"]},
    {"q": "zzzyzx", "ordered": True, "expect": []},
]


class Results(html.parser.HTMLParser):
    """Collects the search results (title, href) and the status line of a dumped DOM."""

    def __init__(self):
        super().__init__()
        self.results, self.status = [], ""
        self._in_title = self._in_status = False
        self._href, self._text = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2" and "search-result-title" in (attrs.get("class") or ""):
            self._in_title, self._text, self._href = True, [], None
        elif tag == "a" and self._in_title:
            self._href = attrs.get("href")
        elif attrs.get("id") == "search-status":
            self._in_status = True

    def handle_endtag(self, tag):
        if tag == "h2" and self._in_title:
            self._in_title = False
            self.results.append(("".join(self._text).strip(), self._href))
        elif tag == "p" and self._in_status:
            self._in_status = False

    def handle_data(self, data):
        if self._in_title:
            self._text.append(data)
        if self._in_status:
            self.status += data


def chromium(args, browser, profile, *extra):
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return done.stdout, done.stderr


def js_errors(log):
    return [line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]


def check_search(base, label, site, browser, profile, failures):
    """Runs every case against `base` (the site's root URL, ending in `/`)."""
    for case in CASES:
        url = base + "search/index.html?q=" + urllib.parse.quote(case["q"])
        dom, log = chromium(None, browser, profile, "--virtual-time-budget=3000", "--dump-dom", url)
        parsed = Results()
        parsed.feed(dom)
        titles = [title for title, _ in parsed.results]
        where = f"{label} q={case['q']!r}"
        if not dom.strip():
            failures.append(f"{where}: Chromium returned no DOM")
            continue
        for error in js_errors(log):
            failures.append(f"{where}: JavaScript error: {error}")
        if case.get("ordered") and titles != case["expect"]:
            failures.append(f"{where}: expected {case['expect']}, got {titles}")
        if case.get("prefix_of_results") and titles[:len(case["expect"])] != case["expect"]:
            failures.append(f"{where}: expected the results to start with {case['expect']}, got {titles}")
        if case.get("contains") and not set(case["expect"]) <= set(titles):
            failures.append(f"{where}: expected {case['expect']} among {titles}")
        for title in case.get("absent", []):
            if title in titles:
                failures.append(f"{where}: {title!r} should not match")
        if not parsed.status.strip():
            failures.append(f"{where}: no status message")
        # Result links are relative to the search page and lead to built article pages.
        for title, href in parsed.results:
            if not href or href.startswith(("/", "http:", "https:", "file:")):
                failures.append(f"{where}: result link {href!r} is not relative")
                continue
            target = os.path.normpath(os.path.join(site, "search", urllib.parse.unquote(href)))
            if not os.path.isfile(target):
                failures.append(f"{where}: result link {href} leads nowhere")
        print(f"ok   {where}: {len(titles)} results" if not any(f.startswith(where) for f in failures) else f"FAIL {where}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--browser", required=True)
    parser.add_argument("--site", required=True, help="the built site, inside a parent folder that is served")
    parser.add_argument("--work", required=True)
    parser.add_argument("--shots", required=True)
    options = parser.parse_args()
    site = os.path.abspath(options.site)
    profile = os.path.join(options.work, "profile")
    failures = []

    # The pages must work without JavaScript; only the search page uses it, and says so.
    search_page = open(os.path.join(site, "search", "index.html"), encoding="utf-8").read()
    if "<noscript>" not in search_page:
        failures.append("search/index.html has no <noscript> message")

    # 1. From file://
    check_search("file://" + urllib.parse.quote(site) + "/", "file://", site, options.browser, profile, failures)

    # 2. Over HTTP under a subpath: the parent folder is served, the site is at /<name>/.
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=os.path.dirname(site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/{os.path.basename(site)}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "index.html", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            failures.append(f"the HTTP server on port {port} did not answer")
        check_search(base, "http subpath", site, options.browser, profile, failures)

        # 3. Screenshots at desktop and phone widths (and the archive in dark mode).
        os.makedirs(options.shots, exist_ok=True)
        pages = {"home": "index.html", "archive": "archive/index.html", "search": "search/index.html?q=harbour",
                 "topic": "topics/energy/index.html", "article": "2026/10/14/electric-cranes-halve-diesel-use-at-quay-seven/index.html",
                 "day": "2026/10/14/index.html"}
        for width, height in [(1280, 900), (390, 844)]:
            for name, path in pages.items():
                shot = os.path.join(options.shots, f"{name}-{width}.png")
                _, log = chromium(None, options.browser, profile, "--virtual-time-budget=3000",
                                  f"--window-size={width},{height}", f"--screenshot={shot}", base + path)
                if not os.path.isfile(shot):
                    failures.append(f"no screenshot of {path} at {width} px")
                for error in js_errors(log):
                    failures.append(f"{path} at {width} px: JavaScript error: {error}")
        shot = os.path.join(options.shots, "archive-1280-dark.png")
        chromium(None, options.browser, profile, "--force-dark-mode", "--blink-settings=preferredColorScheme=0",
                 "--virtual-time-budget=3000", "--window-size=1280,900", f"--screenshot={shot}", base + "archive/index.html")
        print(f"screenshots in {options.shots}")
    finally:
        server.terminate()
        server.wait(timeout=10)

    if failures:
        print("\nbrowser test FAILED:", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        sys.exit(1)
    print("browser test passed")


if __name__ == "__main__":
    main()
