#!/usr/bin/env python3
"""Bytes on the wire for one customer page and everything it loads, as a browser would fetch them, with curl.

  pageweight.py BASE_URL PATH COOKIE

First visit: the page and each asset it names (link href, script src, img src; one level; plus /favicon.ico,
which a browser asks for when the page names no icon), each with Accept-Encoding: br, gzip and an empty cache.
Counted: headers + body as received (curl's size_header + size_download; the body before decompression).
Second visit: the page again; an asset whose Cache-Control allows keeping it (max-age above 0, not no-store or
no-cache) is not fetched; any other is asked again with If-None-Match / If-Modified-Since when the first answer
gave an ETag / Last-Modified, so a 304 costs its headers only. Prints one line per request, then
"FIRST <bytes>", "SECOND <bytes>" and "ERRORS <count of answers that were not 2xx/304>".
"""
import html.parser
import re
import subprocess
import sys
import tempfile
import urllib.parse


class Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []
        self.icon = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if "icon" in rel:
                self.icon = True
            if any(r in rel for r in ("stylesheet", "icon", "preload", "modulepreload", "manifest")):
                self.found.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.found.append(a["src"])


def fetch(url, cookie, extra_headers=()):
    """One GET as a browser makes it; returns (status, wire bytes, headers dict, body bytes as received)."""
    with tempfile.NamedTemporaryFile() as headers, tempfile.NamedTemporaryFile() as body:
        command = ["curl", "-sS", "-o", body.name, "-D", headers.name, "-w", "%{http_code} %{size_header} %{size_download}",
                   "-H", "Accept-Encoding: br, gzip", "-H", "Accept: text/html,*/*", "-H", f"Cookie: {cookie}", url]
        for h in extra_headers:
            command[-1:-1] = ["-H", h]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()
        status, size_header, size_download = int(out[0]), int(out[1]), int(out[2])
        parsed = {}
        for line in open(headers.name, encoding="latin-1").read().splitlines()[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                parsed[k.strip().lower()] = v.strip()
        return status, size_header + size_download, parsed, open(body.name, "rb").read()


def decoded_html(url, cookie):
    """The page once more, decompressed by curl, only to read which assets it names (not counted)."""
    return subprocess.run(["curl", "-sS", "--compressed", "-H", f"Cookie: {cookie}", url],
                          check=True, capture_output=True).stdout.decode("utf-8", "replace")


def keeps(headers):
    cache = headers.get("cache-control", "").lower()
    if "no-store" in cache or "no-cache" in cache:
        return False
    m = re.search(r"max-age=(\d+)", cache)
    return bool(m and int(m.group(1)) > 0)


def main():
    base, path, cookie = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    page_url = base + path
    origin = urllib.parse.urlsplit(base).netloc
    parser = Assets()
    parser.feed(decoded_html(page_url, cookie))
    urls = []
    for ref in parser.found + ([] if parser.icon else ["/favicon.ico"]):
        url = urllib.parse.urljoin(page_url, ref)
        if urllib.parse.urlsplit(url).netloc == origin and url not in urls:
            urls.append(url)

    errors = 0
    first = second = 0
    answers = {}
    for url in [page_url] + urls:
        status, size, headers, _ = fetch(url, cookie)
        answers[url] = headers
        errors += not (200 <= status < 300)
        first += size
        print(f"  first   {status} {size:>7} B  {headers.get('content-encoding', '-'):>4}  {headers.get('cache-control', '-'):<40} {url[len(base):]}")
    for url in [page_url] + urls:
        headers = answers[url]
        if url != page_url and keeps(headers):
            print(f"  second  (kept by the browser)              {url[len(base):]}")
            continue
        conditional = []
        if "etag" in headers:
            conditional.append(f"If-None-Match: {headers['etag']}")
        if "last-modified" in headers:
            conditional.append(f"If-Modified-Since: {headers['last-modified']}")
        status, size, _, _ = fetch(url, cookie, conditional)
        errors += not (200 <= status < 300 or status == 304)
        second += size
        print(f"  second  {status} {size:>7} B  {url[len(base):]}")
    print(f"FIRST {first}")
    print(f"SECOND {second}")
    print(f"ERRORS {errors}")


if __name__ == "__main__":
    main()
