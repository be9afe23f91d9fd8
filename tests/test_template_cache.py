"""hooks.py keeps the theme's compiled templates between builds (and between the two editions)."""

from __future__ import annotations

import jinja2

import hooks


def test_compiled_templates_are_kept_and_follow_edits(tmp_path, monkeypatch):
    monkeypatch.setattr(hooks, "TEMPLATE_CACHE_ROOT", tmp_path)
    templates = {"page.html": "one {{ 1 + 1 }}"}

    def render() -> str:
        env = hooks.on_env(jinja2.Environment(loader=jinja2.DictLoader(templates)), config=None, files=None)
        return env.get_template("page.html").render()

    assert render() == "one 2"
    kept = list(tmp_path.rglob("*.cache"))
    assert len(kept) == 1
    assert render() == "one 2"
    # An edited template (an override, during `make serve`) is compiled again, not read stale.
    templates["page.html"] = "two {{ 2 + 2 }}"
    assert render() == "two 4"
