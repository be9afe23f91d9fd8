"""Heading permalinks and footnote back-links: their label as aria-label, not as a title.

Python-Markdown writes the label as a ``title`` attribute, which every browser shows as a native
tooltip and Material's ``content.tooltips`` turns into a measured tooltip at start-up (2-3 ms of
blocking time each, issue 14). Screen readers need the label; sighted readers do not need a tooltip
on a pilcrow or a return arrow.
"""

from __future__ import annotations

import re

# Python-Markdown writes href and class before title on both links.
LABELLED_LINK = re.compile(r'(<a\b[^>]*\bclass="(?:headerlink|footnote-backref)"[^>]*?)\btitle=')


def titles_to_aria_labels(html: str) -> str:
    return LABELLED_LINK.sub(r"\1aria-label=", html)
