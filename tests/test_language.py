"""Every text the build and the progress script generate comes from mathforml/strings/<language>.yml:
a site built with theme.language: fr has no English left in what it generates."""

import re

import pytest
import yaml
from playwright.sync_api import expect

from conftest import build_and_serve, fixture_project, fixture_syllabus, read_html
from mathforml.strings import STRINGS_DIR, available, load_strings

EN = yaml.safe_load((STRINGS_DIR / "en.yml").read_text(encoding="utf-8"))
FR = yaml.safe_load((STRINGS_DIR / "fr.yml").read_text(encoding="utf-8"))
GENERATED = '[data-syllabus], [data-progress="next"], [data-progress="bars"], [data-plan="form"]'
FRENCH_WORDS = " ".join(str(v) for v in FR.values())  # a word both languages share ("Total") is not English left over
GUIDE = fixture_syllabus()
FIRST = GUIDE.reading_order[0].id
# Topic pages checked: one with a prerequisite in an earlier part, and the last one.
MIDDLE, LAST = "series", GUIDE.reading_order[-1].id


def fragments(text):
    """The fixed words of a text, without its {placeholders}: what must not appear once translated."""
    values = text.values() if isinstance(text, dict) else [text]
    return [f.strip(" ·:,.()") for v in values for f in re.split(r"\{\w+\}", v) if len(f.strip(" ·:,.()")) >= 5]


def test_every_language_has_every_key():
    for language in available():
        strings, found = load_strings(language)
        assert found and set(strings.texts) == set(EN) - {"plural-one"}, language


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("french"))
    config = project / "mkdocs.yml"
    assert "  language: en\n" in config.read_text()
    config.write_text(config.read_text().replace("  language: en\n", "  language: fr\n"))
    yield from build_and_serve(project, project / "site")


def test_a_french_site_generates_no_english(french_site):
    site, _ = french_site
    english = {f for key, text in EN.items() if key != "plural-one" and text != FR[key] and not key.startswith("js.")
               for f in fragments(text) if f not in FRENCH_WORDS}
    # On the print page, only the lines the build writes; the rest is the topics' own prose.
    pages = {"index.html": GENERATED, f"topics/{MIDDLE}/index.html": GENERATED, f"topics/{LAST}/index.html": GENERATED,
             "map/index.html": GENERATED, "plan/index.html": GENERATED, "print/index.html": ".syllabus-guide .syllabus-muted"}
    for path, selector in pages.items():
        generated = " ".join(el.get_text(" ") + " " + el.get("aria-label", "") for el in read_html(site / path).select(selector))
        generated += " ".join(svg["aria-label"] for svg in read_html(site / path).select("svg[aria-label]"))
        left = sorted(f for f in english if f in generated)
        assert left == [], (path, left)
    header = read_html(site / f"topics/{MIDDLE}/index.html").select_one('[data-syllabus="step"]').get_text()
    assert header == f"Étape {GUIDE.step[MIDDLE]} sur {len(GUIDE.reading_order)}"


def test_the_progress_script_speaks_the_sites_language(browser, french_site):
    _, url = french_site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + f"topics/{FIRST}/")
        page.locator(f'input[data-progress-topic="{FIRST}"][value="done"]').check()
        page.goto(url)
        expect(page.locator('[data-progress="summary"]').first).to_contain_text(
            f"Votre progression : 1 sur {len(GUIDE.reading_order)} sujets couverts")
        expect(page.locator('[data-progress="next"]').first).to_contain_text("Continuer avec l’étape 2")
        english = {f for key, text in EN.items() if key.startswith("js.") and text != FR[key]
                   for f in fragments(text) if f not in FRENCH_WORDS}
        shown = page.locator(GENERATED).all_inner_texts()
        page.goto(url + "plan/")
        # Once the progress script has shown the stored plan; before, it would overwrite what is typed.
        page.evaluate("() => window.mathforml.syllabus()")
        page.locator("#plan-hours").fill("0")
        shown += page.locator(GENERATED).all_inner_texts()
        expect(page.locator("#plan-hours-message")).to_contain_text("Indiquez un nombre d’heures")
        assert sorted(f for f in english if f in " ".join(shown)) == []
    finally:
        context.close()
