"""schema.org JSON-LD: an Article for every content page, a Dataset for the chart's data.

Every URL is absolute, built from site_url, so a fork or preview that sets SITE_URL describes
itself. script_json() makes the JSON safe inside <script>: no "</" or "<!--" can close or
confuse the element, whatever a title or description holds.
"""

from __future__ import annotations

import json


def organization(name: str, url: str) -> dict:
    """The ``publisher`` that article() and dataset() take (it is also their author and creator)."""
    return {"@type": "Organization", "name": name, "url": url}


def article(
    *,
    headline: str,
    description: str,
    url: str,
    image: str,
    published: str,
    modified: str,
    publisher: dict,
    license_url: str,
    based_on: str,
) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "image": image,
        "inLanguage": "en",
        "datePublished": published,
        "dateModified": modified,
        "author": publisher,
        "publisher": publisher,
        "license": license_url,
        "isBasedOn": based_on,
    }


def dataset(
    package: dict,
    *,
    url: str,
    files_url: str,
    downloads: dict[str, str],
    publisher: dict,
    modified: str,
    temporal_coverage: str,
    spatial_coverage: str,
) -> dict:
    """The published data package as a Dataset; ``downloads`` maps file names to media types."""
    fields = package["resources"][0]["schema"]["fields"]
    release = package["sources"][0]  # P1, the release every value comes from
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": package["title"],
        "description": package["description"],
        "url": url,
        "version": package.get("version"),
        "dateModified": modified,
        "license": package["licenses"][0]["path"],
        "creator": publisher,
        "publisher": publisher,
        "isAccessibleForFree": True,
        "temporalCoverage": temporal_coverage,
        "spatialCoverage": {"@type": "Place", "name": spatial_coverage},
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": field["title"],
                "description": field["description"],
                **({"unitText": field["unit"]} if field.get("unit") else {}),
            }
            for field in fields
        ],
        "distribution": [
            {"@type": "DataDownload", "contentUrl": files_url + name, "encodingFormat": media_type}
            for name, media_type in downloads.items()
        ],
        "isBasedOn": {"@type": "CreativeWork", "name": release["title"], "url": release["path"]},
    }


def script_json(*documents: dict) -> str:
    """JSON for an inline <script type="application/ld+json">: one document, or a list of them."""
    data = documents[0] if len(documents) == 1 else list(documents)
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
