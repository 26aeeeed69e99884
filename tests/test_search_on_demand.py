"""Search costs nothing until used: no index and no worker on page load; both arrive on first use,
and results are the same as ever."""

from conftest import fixture_syllabus

# A word that only this fixture topic's page has.
WORD, TOPIC = "Venn", fixture_syllabus().by_id["sets"]


def test_search_index_and_worker_load_only_when_search_is_first_used(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url + "topics/series/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert not [u for u in requested if "search_index.json" in u or "/workers/search." in u], requested
        page.keyboard.press("/")
        page.keyboard.type(WORD)
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert any("search_index.json" in u for u in requested) and any("/workers/search." in u for u in requested)
        assert TOPIC.title in page.locator(".md-search-result").inner_text()
    finally:
        context.close()
