"""The texts the site generates, in the site's language: mathforml/strings/<language>.yml.

Templates and the progress script take every word they show from here, so a syllabus written in
another language gets a site in that language. English is the reference: another language's file
must have every key English has.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from mathforml.syllabus import SyllabusError

STRINGS_DIR = Path(__file__).with_name("strings")
FALLBACK = "en"


class Strings:
    def __init__(self, language, texts):
        self.language = language
        self.plural_one = set(texts.get("plural-one", [1]))
        self.texts = {k: v for k, v in texts.items() if k != "plural-one"}

    def __call__(self, key, **values):
        text = self.texts[key]
        if isinstance(text, dict):
            text = text["one" if values["count"] in self.plural_one else "other"]
        return text.format(**values)

    def for_script(self):
        """What the progress script needs: its own texts and the plural rule."""
        texts = {k: v for k, v in self.texts.items() if k.startswith("js.")}
        return {"plural-one": sorted(self.plural_one), **texts}


def _read(language):
    return yaml.safe_load((STRINGS_DIR / f"{language}.yml").read_text(encoding="utf-8"))


def available():
    return sorted(path.stem for path in STRINGS_DIR.glob("*.yml"))


def load_strings(language):
    """The strings for `language` (theme.language), or English when there is no file for it."""
    if language not in available():
        return Strings(FALLBACK, _read(FALLBACK)), False
    texts = _read(language)
    missing = sorted(set(_read(FALLBACK)) - set(texts))
    if missing:
        raise SyllabusError(f"mathforml/strings/{language}.yml: no text for {', '.join(repr(k) for k in missing[:10])}"
                            f"{' and more' if len(missing) > 10 else ''}. Translate each key of en.yml.")
    return Strings(language, texts), True
