"""How to cite a page or the chart: plain text and BibTeX, from the page's own title, URL and dates.

The reader's "accessed" date is unknown at build time, so the text carries ACCESSED_PLACEHOLDER and
share.js puts the reader's date in its place when they copy it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

ACCESSED_PLACEHOLDER = "[date you read it]"
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass(frozen=True)
class Citation:
    title: str
    publisher: str
    site_name: str
    url: str
    published: datetime
    modified: datetime

    def text(self) -> str:
        return (
            f'{self.publisher}. "{self.title}". {self.site_name}. '
            f"Published {self.published.date().isoformat()}, "
            f"last updated {self.modified.date().isoformat()}. "
            f"{self.url} (accessed {ACCESSED_PLACEHOLDER})."
        )

    def bibtex(self) -> str:
        # BibTeX keys are ASCII: a Japanese title has none, so its key comes from the page's address.
        key = _key(f"{self.site_name} {self.title}") or _key(urlparse(self.url).path)
        fields = {
            "author": "{" + _bibtex_escape(self.publisher) + "}",
            "title": "{" + _bibtex_escape(self.title) + "}",
            "howpublished": _bibtex_escape(self.site_name),
            "year": str(self.modified.year),
            "date": self.modified.date().isoformat(),
            "url": self.url,
            "urldate": ACCESSED_PLACEHOLDER,
            "note": f"Published {self.published.date().isoformat()}",
        }
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{key},\n{body}\n}}"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def citation_markdown(citation: Citation) -> str:
    """The citation as two copyable code blocks (plain text, then BibTeX) for a Markdown page.

    Both unhighlighted: Pygments' BibTeX colours fall just under the contrast minimum (axe)."""
    return (
        '<div class="cite-block" markdown>\n\n'
        "Plain text:\n\n"
        f"```text\n{citation.text()}\n```\n\n"
        "BibTeX:\n\n"
        f"```text\n{citation.bibtex()}\n```\n\n"
        "</div>\n"
    )
