"""Every published page loads only the site's own files: no fonts, CDNs, analytics or APIs elsewhere."""

from urllib.parse import urljoin


def test_no_page_requests_another_origin(offline_page, site_url, built_site):
    page = offline_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) >= 12
    for path in pages:
        # Wait for the request each page needs, not for the network to go quiet.
        with page.expect_response(lambda response: response.url.endswith("progress-data.json")):
            page.goto(urljoin(site_url, path.removesuffix("index.html")))
        # Search loads on first use; open it so its worker and index are part of the check.
        with page.expect_response(lambda response: response.url.endswith("search_index.json")):
            page.keyboard.press("/")
    assert page.blocked == [], f"requests left the site: {sorted(set(page.blocked))}"
    own = [url for url in requested if url.startswith(site_url)]
    assert any(url.endswith("search_index.json") for url in own), "the check covered search"
