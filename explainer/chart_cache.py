"""Everything the site derives from the deficit CSV, cached by a hash of its inputs, and verified on use.

Static exports need a headless Chromium (kaleido) and take seconds, so the outputs are kept in
``chart-cache/<key>/``, where the key hashes the plotted rows, the chart metadata, the code that draws
them (every ``explainer`` module the renderer imports, found from its import graph) and the plotly
and kaleido versions. The cache is committed: a fresh clone builds the site without Chromium, and
``tests/test_chart_cache.py`` proves the committed entries match the current inputs. Each language
has its own entry (the key hashes the chart metadata in that language, and figure.json records it).

A committed file can still be truncated or tampered with, so each entry carries a manifest (name ->
sha256 and size) and every use checks it and the files' content. A failed check re-renders the
entry when Chromium is available, or stops the build with one message naming the file and the fix.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import shutil
import struct
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from xml.etree import ElementTree

from explainer.chart_spec import ChartSpec, entry_files, load_chart_spec, localized
from explainer.deficits_data import Partner
from explainer.processes import run_captured

log = logging.getLogger("mkdocs.plugins.explainer.chart")

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_DIR = ROOT / "chart-cache"
RENDERER = "chart_render"  # the module run to render an entry; its imports define the hashed code
MANIFEST = "manifest.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Each PNG's pixels per CSS pixel of its metadata size: the download is drawn at 2x; the social card
# at 1.5x of two-thirds size, which is its metadata size exactly.
_PNG_SCALE = {"png": 2, "social": 1}


class ChartRenderError(RuntimeError):
    """The chart's static images cannot be rendered or trusted; the message says how to fix it."""


class CacheEntryError(ValueError):
    """One file of a cache entry fails verification; the message names the file and the problem."""


def _imported_package_modules(path: Path, package: str) -> frozenset[str]:
    return _imports_in(path.read_bytes(), str(path), package)


# Keyed by the source itself: each language's build asks again, and parsing ~20 modules is most of
# the key's cost.
@functools.cache
def _imports_in(source: bytes, filename: str, package: str) -> frozenset[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith(f"{package}."))
        elif isinstance(node, ast.ImportFrom):
            if (node.level == 0 and node.module == package) or (node.level == 1 and not node.module):
                names.update(a.name for a in node.names)  # from explainer import x
            elif node.level == 0 and (node.module or "").startswith(f"{package}."):
                names.add(node.module.split(".")[1])
            elif node.level == 1 and node.module:
                names.add(node.module.split(".")[0])
    return frozenset(names)


def drawing_modules(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The renderer and every package module it imports, directly or not (imports inside functions too).

    Following the import graph rather than a hand-kept list means code split out of a drawing
    module into a new one is hashed as soon as a drawing module imports it.
    """
    seen: set[str] = set()
    pending = [RENDERER]
    while pending:
        name = pending.pop()
        path = package_dir / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        pending.extend(_imported_package_modules(path, package_dir.name))
    return sorted(package_dir / f"{name}.py" for name in seen)


def code_digest(package_dir: Path = PACKAGE_DIR) -> str:
    digest = hashlib.sha256()
    for path in drawing_modules(package_dir):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(partners: list[Partner], spec: ChartSpec | None = None) -> str:
    """The entry's name; ``spec`` is localized, so each language has its own entry."""
    from explainer.chart_render import request_json

    spec = spec or load_chart_spec()
    digest = hashlib.sha256()
    digest.update(request_json(partners, spec).encode())
    digest.update(code_digest().encode())
    digest.update(f"plotly {version('plotly')} kaleido {version('kaleido')}".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ChartAssets:
    key: str
    directory: Path
    files: dict[str, str]  # as entry_files()

    def path(self, what: str) -> Path:
        """The cached file of one kind: "figure", "csv", "png", "svg", "social", "wide" or "narrow"."""
        return self.directory / self.files[what]


# --- verification -------------------------------------------------------------------------------


def _strict_json(text: str, name: str):
    def reject(constant: str):
        raise CacheEntryError(f"{name}: not strict JSON ({constant})")

    try:
        return json.loads(text, parse_constant=reject)
    except json.JSONDecodeError as exc:
        raise CacheEntryError(f"{name}: not valid JSON ({exc})") from None


def _check_png(data: bytes, name: str, size: tuple[int, int]) -> None:
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR" or len(data) < 33:
        raise CacheEntryError(f"{name}: not a PNG image")
    actual = struct.unpack(">II", data[16:24])
    if actual != size:
        raise CacheEntryError(f"{name}: a {actual[0]}x{actual[1]} image, expected {size[0]}x{size[1]}")
    if not data.endswith(b"IEND\xaeB`\x82"):
        raise CacheEntryError(f"{name}: the PNG is truncated (no IEND chunk)")


def _check_svg(data: bytes, name: str) -> None:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise CacheEntryError(f"{name}: not well-formed SVG ({exc})") from None
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag in {"script", "foreignobject", "iframe", "object", "embed"}:
            raise CacheEntryError(f"{name}: contains a <{tag}> element")
        if tag == "style" and ("@import" in (el.text or "") or "url(" in (el.text or "")):
            raise CacheEntryError(f"{name}: its <style> imports or refers to a resource")
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise CacheEntryError(f"{name}: contains an event handler attribute {local}")
            if local == "href" and not value.startswith("#"):
                raise CacheEntryError(f"{name}: links outside itself ({local}={value!r})")
            for reference in value.split("url(")[1:]:
                if not reference.lstrip("'\" ").startswith("#"):
                    raise CacheEntryError(f"{name}: refers to an outside resource (url({reference[:40]}...)")


def _check_content(what: str, name: str, data: bytes, spec: ChartSpec) -> None:
    if what == "figure":
        document = _strict_json(data.decode("utf-8", errors="strict"), name)
        if not isinstance(document, dict) or not document.get("figure", {}).get("data"):
            raise CacheEntryError(f"{name}: holds no figure data")
        if document.get("lang") != spec.lang:
            raise CacheEntryError(f"{name}: a chart in {document.get('lang')!r}, expected {spec.lang!r}")
    elif what == "csv":
        if not data.decode("utf-8").strip():
            raise CacheEntryError(f"{name}: is empty")
    elif what in {"png", "social"}:
        width, height = spec.sizes["download" if what == "png" else "social"]
        scale = _PNG_SCALE[what]
        _check_png(data, name, (width * scale, height * scale))
    else:
        _check_svg(data, name)


def manifest_for(directory: Path, files: dict[str, str]) -> dict[str, dict]:
    return {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name in sorted(files.values())
        for data in [(directory / name).read_bytes()]
    }


def verify_entry(entry: Path, spec: ChartSpec) -> None:
    """Raise CacheEntryError naming the first file that is missing, altered or not what it claims to be."""
    files = entry_files(spec)
    manifest_path = entry / MANIFEST
    if not manifest_path.is_file():
        raise CacheEntryError(f"{MANIFEST}: missing")
    try:
        manifest = _strict_json(manifest_path.read_text(encoding="utf-8"), MANIFEST)
    except UnicodeDecodeError:
        raise CacheEntryError(f"{MANIFEST}: not UTF-8 text") from None
    if not isinstance(manifest, dict) or set(manifest) != set(files.values()):
        raise CacheEntryError(f"{MANIFEST}: does not list exactly {', '.join(sorted(files.values()))}")
    for what, name in files.items():
        path = entry / name
        if not path.is_file():
            raise CacheEntryError(f"{name}: missing")
        data = path.read_bytes()
        expected = manifest[name]
        if not isinstance(expected, dict) or len(data) != expected.get("size"):
            raise CacheEntryError(f"{name}: {len(data)} bytes, the manifest says {expected!r}")
        if hashlib.sha256(data).hexdigest() != expected.get("sha256"):
            raise CacheEntryError(f"{name}: its sha256 differs from the manifest's")
        try:
            _check_content(what, name, data, spec)
        except UnicodeDecodeError:
            raise CacheEntryError(f"{name}: not UTF-8 text") from None


# --- rendering ----------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The browser kaleido will use: BROWSER_PATH, else Debian's chromium; None when there is none."""
    candidate = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    return candidate if Path(candidate).is_file() else None


def render_in_subprocess(partners: list[Partner], spec: ChartSpec, out: Path) -> None:
    """Render an entry with the code on disk (see ``chart_render``); raises ChartRenderError."""
    from explainer.chart_render import request_json

    browser = chromium_path()
    if browser is None:
        raise ChartRenderError(
            "Rendering the static chart images needs Chromium: install it with "
            "`apt-get install -y chromium` (or set BROWSER_PATH), then rebuild."
        )
    env = {**os.environ, "BROWSER_PATH": browser}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = run_captured(
        [sys.executable, "-m", f"{PACKAGE_DIR.name}.{RENDERER}", str(out)],
        input=request_json(partners, spec),
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    if result.returncode != 0:
        said = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ChartRenderError(
            f"Rendering the static chart images failed: {said}. Check that Chromium runs "
            "(`apt-get install -y chromium`, or set BROWSER_PATH), then rebuild."
        )


def ensure_chart_cache(
    partners: list[Partner],
    cache_dir: Path = CACHE_DIR,
    spec: ChartSpec | None = None,
    render: Callable[[list[Partner], ChartSpec, Path], None] = render_in_subprocess,
    lang: str = "en",
) -> ChartAssets:
    """Return the verified cache entry for ``partners`` in ``lang``, rendering it first if it is missing
    or bad. ``spec`` is the English metadata. Entries of other inputs are deleted, but not the current
    entry of any language: the site's language passes each keep the others' entries."""
    english = spec or load_chart_spec()
    spec = localized(english, lang)
    files = entry_files(spec)
    key = cache_key(partners, spec)
    entry = cache_dir / key
    where = f"{cache_dir.name}/{key}"
    try:
        verify_entry(entry, spec)
        return ChartAssets(key, entry, files)
    except CacheEntryError as exc:
        if not entry.exists():
            reason = "no entry for these inputs (the data, chart metadata or drawing code changed)"
        elif chromium_path() is None:
            raise ChartRenderError(
                f"{where}/{exc}. The cached chart cannot be trusted and Chromium is not available to "
                f"render it again: run `rm -r {where}`, then rebuild with Chromium installed "
                "(`apt-get install -y chromium`, or set BROWSER_PATH)."
            ) from None
        else:
            reason = f"the cached entry failed verification: {exc}"
    log.info("Rendering %s (%s): %s", where, lang, reason)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Render into a temporary sibling and rename, so a failed render leaves no partial entry.
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".tmp-") as tmp:
        staging = Path(tmp) / key
        staging.mkdir()
        render(partners, spec, staging)
        (staging / MANIFEST).write_text(
            json.dumps(manifest_for(staging, files), indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        try:
            verify_entry(staging, spec)
        except CacheEntryError as exc:
            raise ChartRenderError(f"The fresh render of {where} is unusable: {exc}") from None
        shutil.rmtree(entry, ignore_errors=True)
        staging.rename(entry)
    current = {cache_key(partners, localized(english, lang)) for lang in english.languages()}
    for stale in sorted(cache_dir.iterdir()):
        if stale.is_dir() and stale.name not in current and not stale.name.startswith(".tmp-"):
            log.info("Deleting the stale chart cache entry %s/%s", cache_dir.name, stale.name)
            shutil.rmtree(stale)
    return ChartAssets(key, entry, files)
