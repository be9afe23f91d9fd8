"""Per-page facts the templates share: dates, citations, the error-report link and JSON-LD.

Set on ``page.meta`` once (by hooks.py), so the footer's "Last updated", the printed footer, the
citations and the JSON-LD all read the same values.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlencode

from explainer import structured_data
from explainer.citation import Citation
from explainer.figures import render_text
from explainer.page_dates import page_dates


def page_title(page, config) -> str:
    return config.site_name if page.is_homepage else page.meta.get("title") or page.title or config.site_name


def add_page_facts(page, config) -> Citation:
    """Dates, citation and error-report link on ``page.meta``; returns the page's citation."""
    dates = page_dates(Path(page.file.abs_src_path))
    page.meta["date_published"] = dates.published.isoformat()
    page.meta["date_modified"] = dates.modified.isoformat()
    page.meta["date_modified_text"] = render_text(
        dates.modified.isoformat()[:10], "date", lang=config.theme["language"]
    )
    title = page_title(page, config)
    citation = Citation(
        title=title,
        publisher=config.site_author,
        site_name=config.site_name,
        url=page.canonical_url,
        published=dates.published,
        modified=dates.modified,
    )
    page.meta["citation_text"] = citation.text()
    page.meta["citation_bibtex"] = citation.bibtex()
    report = {"title": f"Error on “{title}”", "body": f"Page: {page.canonical_url}\n\nWhat is wrong:\n"}
    page.meta["report_error_url"] = f"{config.extra['explainer'].repository}/issues/new?{urlencode(report)}"
    return citation


def anchored(citation: Citation, anchor: str) -> Citation:
    return dataclasses.replace(citation, url=f"{citation.url}#{anchor}")


def page_json_ld(
    page, config, dataset_package: dict | None, downloads: dict[str, str], files_url: str
) -> str:
    """An Article for the page, plus a Dataset when ``dataset_package`` is given (the chart page)."""
    settings = config.extra["explainer"]
    # The site's author publishes (and wrote) every page and the data set.
    publisher = structured_data.organization(config.site_author, config.site_url)
    documents = [
        structured_data.article(
            headline=page_title(page, config),
            description=page.meta.get("description") or config.site_description,
            url=page.canonical_url,
            image=config.site_url + page.meta["og_image_path"],
            published=page.meta["date_published"],
            modified=page.meta["date_modified"],
            publisher=publisher,
            license_url=settings.text_license_url,
            based_on=settings.based_on,
        )
    ]
    if dataset_package is not None:
        documents.append(
            structured_data.dataset(
                dataset_package,
                url=page.canonical_url + "#data",
                files_url=files_url,
                downloads=downloads,
                publisher=publisher,
                modified=page.meta["date_modified"],
                temporal_coverage=settings.data_temporal_coverage,
                spatial_coverage=settings.data_spatial_coverage,
            )
        )
    return structured_data.script_json(*documents)
