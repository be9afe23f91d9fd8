"""The committed chart cache is current, verified on use, and keyed by every module that draws."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from explainer import chart_cache
from explainer.chart_cache import (
    CACHE_DIR,
    MANIFEST,
    ChartRenderError,
    cache_key,
    code_digest,
    drawing_modules,
    ensure_chart_cache,
    entry_files,
    manifest_for,
)
from explainer.chart_render import figure_json
from explainer.chart_spec import load_chart_spec, localized
from explainer.deficits_data import load_deficits
from explainer.deficits_table import plotted_csv
from explainer.git import git
from tests.helpers import ROOT


def test_committed_cache_matches_current_inputs():
    english, partners = load_chart_spec(), load_deficits()
    expected = []
    for lang in english.languages():
        spec = localized(english, lang)
        key = cache_key(partners, spec)
        entry = CACHE_DIR / key
        assert entry.is_dir(), f"chart-cache/{key} ({lang}) is missing: run `make build`, commit chart-cache/"
        chart_cache.verify_entry(entry, spec)
        expected += [f"chart-cache/{key}/{name}" for name in [*entry_files(spec).values(), MANIFEST]]
    tracked = git("ls-files", "chart-cache", cwd=ROOT).split()
    assert sorted(tracked) == sorted(expected), (
        "commit exactly the current cache entry of each language (and remove stale ones)"
    )


def test_each_language_has_its_own_entry_and_keeps_the_others(tmp_path):
    """The site builds once per language; each pass must leave the other languages' entries alone."""
    english, partners = load_chart_spec(), load_deficits()
    keys = {lang: cache_key(partners, localized(english, lang)) for lang in english.languages()}
    assert len(set(keys.values())) == len(keys) > 1
    cache_dir = tmp_path / "chart-cache"
    shutil.copytree(CACHE_DIR / keys["en"], cache_dir / keys["en"])
    (cache_dir / "0123456789abcdef").mkdir()  # an entry of older inputs

    # The Japanese pass renders its entry, deleting older entries but not the English one.
    assets = ensure_chart_cache(partners, cache_dir, english, render=_copy_committed, lang="ja")
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(keys.values())

    def render(*args):
        pytest.fail("every language's entry is current")

    for lang in english.languages():
        assets = ensure_chart_cache(partners, cache_dir, english, render=render, lang=lang)
        assert assets.key == keys[lang]
        assert json.loads(assets.path("figure").read_text(encoding="utf-8"))["lang"] == lang


def test_an_entry_records_its_language(cache_copy):
    _, entry, spec, _ = cache_copy
    with pytest.raises(chart_cache.CacheEntryError, match="a chart in 'en', expected 'ja'"):
        chart_cache.verify_entry(entry, replace(spec, lang="ja"))


def test_cached_files_equal_a_fresh_render():
    partners, spec = load_deficits(), load_chart_spec()
    files = entry_files(spec)
    entry = CACHE_DIR / cache_key(partners, spec)
    assert (entry / files["figure"]).read_text(encoding="utf-8") == figure_json(partners, spec)
    assert (entry / files["csv"]).read_text(encoding="utf-8") == plotted_csv(partners)


def test_cache_key_changes_with_the_data_and_the_metadata():
    partners, spec = load_deficits(), load_chart_spec()
    changed = [
        replace(p, deficit_bn_usd=p.deficit_bn_usd + 0.1) if p.name == "Japan" else p for p in partners
    ]
    assert cache_key(changed, spec) != cache_key(partners, spec)
    assert cache_key(list(partners), spec) == cache_key(partners, spec)
    assert cache_key(partners, replace(spec, subtitle=spec.subtitle + ".")) != cache_key(partners, spec)


def test_a_new_module_split_out_of_the_drawing_code_changes_the_key(tmp_path):
    package = shutil.copytree(ROOT / "explainer", tmp_path / "explainer")
    names = {p.name for p in drawing_modules(package)}
    assert {"chart_render.py", "deficits_chart.py", "chart_theme.py", "chart_text.py"} <= names
    before = code_digest(package)
    # Code moved out of deficits_chart.py into a module of its own, imported inside a function.
    (package / "chart_layout.py").write_text("MARGIN = 8\n")
    chart = package / "deficits_chart.py"
    chart.write_text(
        chart.read_text() + "\n\ndef _margin():\n    from explainer.chart_layout import MARGIN\n"
    )
    assert "chart_layout.py" in {p.name for p in drawing_modules(package)}
    with_layout = code_digest(package)
    assert with_layout != before
    (package / "chart_layout.py").write_text("MARGIN = 9\n")
    assert code_digest(package) != with_layout
    # A module nothing that draws imports does not churn the cache.
    (package / "unrelated.py").write_text("X = 1\n")
    assert code_digest(package) == code_digest(package)
    assert "unrelated.py" not in {p.name for p in drawing_modules(package)}


# --- a corrupted entry is re-rendered, or stops the build with one clear message -------------------


@pytest.fixture(scope="module")
def committed_partners():
    return load_deficits()  # validating the CSV takes a while; every case here reads it unchanged


@pytest.fixture
def cache_copy(tmp_path, committed_partners):
    """A copy of the committed entry in a scratch cache directory: (cache dir, entry, spec, partners)."""
    partners, spec = committed_partners, load_chart_spec()
    key = cache_key(partners, spec)
    cache_dir = tmp_path / "chart-cache"
    entry = shutil.copytree(CACHE_DIR / key, cache_dir / key)
    return cache_dir, entry, spec, partners


def _copy_committed(partners, spec, out):
    """A stand-in renderer: the committed, known-good files (real renders need Chromium and seconds)."""
    for name in entry_files(spec).values():
        shutil.copyfile(CACHE_DIR / cache_key(partners, spec) / name, out / name)


def _truncate_png(entry, files):
    path = entry / files["png"]
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _tiny_social_card(entry, files):
    (entry / files["social"]).write_bytes(b"\x89PNG\r\n")


def _empty_figure(entry, files):
    (entry / files["figure"]).write_text("")


def _script_in_svg(entry, files):
    path = entry / files["wide"]
    path.write_text(path.read_text().replace("</svg>", "<script>alert(1)</script></svg>"))


def _no_manifest(entry, files):
    (entry / MANIFEST).unlink()


CORRUPTIONS = {
    "truncated PNG": (_truncate_png, "us-goods-deficits-2024.png"),
    "7-byte social card": (_tiny_social_card, "social.png"),
    "empty figure.json": (_empty_figure, "figure.json"),
    "script in the inline SVG": (_script_in_svg, "chart-wide.svg"),
    "missing manifest": (_no_manifest, MANIFEST),
}


def _reseal(entry, files):
    """Rewrite the manifest to match the (corrupted) files, as someone committing a bad render would."""
    (entry / MANIFEST).write_text(json.dumps(manifest_for(entry, files)))


@pytest.mark.parametrize("case", list(CORRUPTIONS))
@pytest.mark.parametrize("resealed", [False, True], ids=["manifest-stale", "manifest-resealed"])
def test_a_corrupted_entry_is_rendered_again(cache_copy, monkeypatch, case, resealed):
    cache_dir, entry, spec, partners = cache_copy
    corrupt, _ = CORRUPTIONS[case]
    files = entry_files(spec)
    corrupt(entry, files)
    if resealed and case != "missing manifest":
        _reseal(entry, files)
    monkeypatch.setattr(chart_cache, "chromium_path", lambda: "/usr/bin/chromium")
    rendered = []

    def render(partners, spec, out):
        rendered.append(out)
        _copy_committed(partners, spec, out)

    assets = ensure_chart_cache(partners, cache_dir, spec, render=render)

    assert len(rendered) == 1
    chart_cache.verify_entry(assets.directory, spec)
    for name in files.values():
        assert (assets.directory / name).read_bytes() == (CACHE_DIR / assets.key / name).read_bytes()


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_a_corrupted_entry_without_chromium_stops_with_the_fix(cache_copy, monkeypatch, case):
    cache_dir, entry, spec, partners = cache_copy
    corrupt, bad_file = CORRUPTIONS[case]
    corrupt(entry, entry_files(spec))
    monkeypatch.setattr(chart_cache, "chromium_path", lambda: None)

    def render(*args):
        pytest.fail("must not render without Chromium")

    with pytest.raises(ChartRenderError) as error:
        ensure_chart_cache(partners, cache_dir, spec, render=render)
    message = str(error.value)
    assert f"chart-cache/{entry.name}/{bad_file}" in message
    assert f"rm -r chart-cache/{entry.name}" in message


def test_a_good_entry_is_used_as_is(cache_copy):
    cache_dir, entry, spec, partners = cache_copy

    def render(*args):
        pytest.fail("a verified entry must not be rendered again")

    assert ensure_chart_cache(partners, cache_dir, spec, render=render).directory == entry


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"figure": {"data": [{"x": [NaN]}]}}', "NaN"),
        ('{"figure": {"data": [{"x": [Infinity]}]}}', "Infinity"),
        ("[]", "no figure data"),
    ],
)
def test_figure_json_must_be_strict_json_with_data(cache_copy, text, problem):
    _, entry, spec, _ = cache_copy
    files = entry_files(spec)
    (entry / files["figure"]).write_text(text)
    _reseal(entry, files)
    with pytest.raises(chart_cache.CacheEntryError, match=problem):
        chart_cache.verify_entry(entry, spec)


@pytest.mark.parametrize(
    "injected",
    [
        '<rect onload="alert(1)"/>',
        '<a href="https://evil.example/"><text>x</text></a>',
        '<rect style="fill: url(https://evil.example/p.svg#a)"/>',
        "<foreignObject><div/></foreignObject>",
    ],
)
def test_svgs_may_not_script_or_reach_outside(cache_copy, injected):
    _, entry, spec, _ = cache_copy
    files = entry_files(spec)
    path = entry / files["svg"]
    path.write_text(path.read_text().replace("</svg>", f"{injected}</svg>"))
    _reseal(entry, files)
    with pytest.raises(chart_cache.CacheEntryError, match=files["svg"]):
        chart_cache.verify_entry(entry, spec)


def test_a_miss_renders_logs_why_and_deletes_stale_entries(cache_copy, caplog):
    cache_dir, entry, spec, partners = cache_copy
    stale = cache_dir / "0123456789abcdef"
    entry.rename(stale)
    with caplog.at_level("INFO", logger="mkdocs.plugins.explainer.chart"):
        assets = ensure_chart_cache(partners, cache_dir, spec, render=_copy_committed)
    assert assets.directory == entry and not stale.exists()
    messages = [r.getMessage() for r in caplog.records]
    assert any(entry.name in m and "no entry for these inputs" in m for m in messages), messages
    assert any("Deleting" in m and stale.name in m for m in messages), messages


def test_a_failed_render_is_a_chart_render_error(cache_copy, monkeypatch):
    cache_dir, entry, spec, partners = cache_copy
    shutil.rmtree(entry)
    monkeypatch.setenv("BROWSER_PATH", str(cache_dir / "no-such-browser"))
    monkeypatch.setattr(chart_cache, "chromium_path", lambda: None)
    with pytest.raises(ChartRenderError, match="apt-get install -y chromium"):
        ensure_chart_cache(partners, cache_dir, spec)
    assert not entry.exists() and not list(cache_dir.glob(".tmp-*"))


def test_renders_run_the_drawing_code_on_disk_not_the_imported_code(tmp_path, monkeypatch):
    """During `mkdocs serve` the key hashes the edited files; the images must come from them too."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "explainer", project / "explainer")
    shutil.copytree(ROOT / "data", project / "data")
    chart = project / "explainer" / "chart_labels.py"  # the axis title's home, imported by deficits_chart
    chart.write_text(chart.read_text().replace("Deficit, billions of U.S. dollars", "Edited on disk"))
    monkeypatch.setattr(chart_cache, "ROOT", project)
    monkeypatch.setattr(chart_cache, "PACKAGE_DIR", project / "explainer")
    partners, spec = load_deficits(), load_chart_spec()
    out = tmp_path / "entry"
    out.mkdir()

    chart_cache.render_in_subprocess(partners, spec, out)

    assert "Edited on disk" in (out / entry_files(spec)["figure"]).read_text(encoding="utf-8")
    assert "Edited on disk" in (out / entry_files(spec)["svg"]).read_text(encoding="utf-8")
    assert "Edited on disk" not in figure_json(partners, spec)  # the code this process imported
