"""The data as others reuse it: a datapackage.json for the published CSV, and a zip "data bundle".

The published CSV is the plotted one (deficits_table.plotted_csv: a rank column, no source codes),
so its descriptor is derived here from data/datapackage.json rather than copied. The zip is
byte-reproducible: sorted entries, one fixed timestamp, fixed permissions and compression level.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile

CSV_NAME = "us-goods-deficits-2024.csv"
PACKAGE_NAME = "datapackage.json"
BUNDLE_NAME = "us-goods-deficits-2024-data.zip"
# The earliest time a zip can hold; any fixed value makes the archive reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

RANK_FIELD = {
    "name": "rank_among_countries",
    "title": "Rank among individual countries",
    "description": "Rank by deficit among individual countries (1 = largest); empty for a bloc, which is "
    "never ranked.",
    "type": "integer",
    "constraints": {"minimum": 1},
}


def published_package(source: dict, csv_text: str, text_license: dict) -> dict:
    """The descriptor of the published CSV: the source package's metadata, the CSV's own columns."""
    package = copy.deepcopy(source)
    header = next(csv.reader(io.StringIO(csv_text)))
    resource = package["resources"][0]
    known = {field["name"]: field for field in resource["schema"]["fields"]}
    known[RANK_FIELD["name"]] = RANK_FIELD
    missing = [name for name in header if name not in known]
    if missing:
        raise ValueError(f"data/datapackage.json describes no field {missing}: add it there or to RANK_FIELD")
    resource["schema"]["fields"] = [known[name] for name in header]
    resource["path"] = CSV_NAME
    # The descriptor covers the data; the README's prose is the site's own text.
    package["licenses"] = [*package.get("licenses", []), text_license]
    return package


def readme(package: dict, chart_url: str, text_license: dict) -> str:
    """Basis, units, revisions and sources, all from the descriptor, for people who open the zip."""
    resource = package["resources"][0]
    lines = [f"# {package['title']}", "", package["description"], "", f"Chart and notes: {chart_url}", ""]
    lines += ["## Columns", ""]
    for field in resource["schema"]["fields"]:
        unit = f" Unit: {field['unit']}." if field.get("unit") else ""
        lines.append(f"- `{field['name']}` ({field['type']}): {field['title']}. {field['description']}{unit}")
    lines += ["", "## Sources", ""]
    lines += [f"- {source['title']}: {source['path']}" for source in package.get("sources", [])]
    lines += ["", "## Licences", ""]
    lines += [f"- {lic['title']}: {lic['path']}" for lic in package["licenses"] if lic != text_license]
    prose = f"{text_license['title']} ({text_license['path']})"
    lines.append(f"- This README and the descriptor's prose: {prose}")
    lines += ["", "Validate with Frictionless: `frictionless validate datapackage.json`.", ""]
    return "\n".join(lines)


def bundle_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def build_bundle(source: dict, csv_text: str, chart_url: str, text_license: dict) -> dict[str, bytes]:
    """Every published data file by name: the CSV, its descriptor and the zip holding them."""
    package = published_package(source, csv_text, text_license)
    package_json = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    contents = {
        CSV_NAME: csv_text.encode(),
        PACKAGE_NAME: package_json.encode(),
        "README.md": readme(package, chart_url, text_license).encode(),
    }
    return {PACKAGE_NAME: contents[PACKAGE_NAME], BUNDLE_NAME: bundle_zip(contents)}
