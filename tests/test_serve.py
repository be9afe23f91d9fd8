"""`mkdocs serve` (what `make serve` runs) regenerates the chart when the CSV changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

from explainer.chart_spec import load_chart_spec
from tests.helpers import copy_project, free_port


def _figure(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except OSError:
        return None


def _wait_for(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_editing_the_csv_while_serving_updates_the_chart(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/explainer/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("w"),
    )
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/explainer/{load_chart_spec().url_dir}/figure.json"

    def canada_value():
        doc = _figure(url)
        if not doc:
            return None
        values = {
            y: x for trace in doc["figure"]["data"] for y, x in zip(trace["y"], trace["x"], strict=True)
        }
        return values.get("Canada")

    # Canada: a row no page states by itself, so the fact sheet's cross-checks stay quiet.
    try:
        assert _wait_for(canada_value, 90) == 63.3
        csv_path = project / "data" / "us-goods-deficits-2024.csv"
        csv_path.write_text(csv_path.read_text().replace("Canada,country,63.3", "Canada,country,63.9"))
        assert _wait_for(lambda: canada_value() == 63.9, 120), "the served chart did not pick up the edit"
        # A broken edit is reported (MkDocs then holds requests until the build is fixed) ...
        good = csv_path.read_text()
        csv_path.write_text(good.replace("Canada,country,63.9", "Canada,country,oops"))
        problem = "us-goods-deficits-2024.csv, line 11: 'deficit_bn_usd' must be a number, got 'oops'"
        assert _wait_for(lambda: problem in log.read_text(), 90), log.read_text()[-2000:]
        # ... and fixing it brings the chart back.
        csv_path.write_text(good)
        assert _wait_for(lambda: canada_value() == 63.9, 120)
        # The static images were re-rendered for the new data, and the old entries dropped.
        svgs = [p.read_text() for p in (project / "chart-cache").glob("*/chart-wide.svg")]
        assert svgs and all("$63.9B" in svg or "639億ドル" in svg for svg in svgs)
    finally:
        server.terminate()
        server.wait(timeout=20)
