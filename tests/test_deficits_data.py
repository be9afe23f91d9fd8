"""The CSV is validated against its data package: bad input stops with one clear message."""

from __future__ import annotations

import pytest

from explainer.deficits_data import CSV_PATH, DataError, load_deficits

GOOD = CSV_PATH.read_bytes()
HEADER = b"partner,partner_type,deficit_bn_usd,sources\n"


def write(tmp_path, content: bytes, name: str = "deficits.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_committed_csv_loads_in_rank_order():
    partners = load_deficits()
    assert [p.name for p in partners][:3] == ["China", "European Union", "Mexico"]
    countries = [p for p in partners if not p.is_bloc]
    assert [p.rank for p in countries] == list(range(1, len(countries) + 1))
    assert len(countries) >= 10
    assert all(p.rank is None for p in partners if p.is_bloc)


@pytest.mark.parametrize(
    ("case", "content", "line", "fragment"),
    [
        ("empty", b"", None, "empty"),
        ("header only", HEADER, 1, "no data rows"),
        (
            "missing column",
            b"partner,partner_type,sources\nChina,country,S1\n",
            1,
            "no column 'deficit_bn_usd'",
        ),
        ("non-numeric", HEADER + b"China,country,lots,S1\n", 2, "must be a number, got 'lots'"),
        (
            "blank value",
            HEADER + b"China,country,295.4,S1\nJapan,country,,S5\n",
            3,
            "'deficit_bn_usd' is blank",
        ),
        (
            "duplicate partner",
            HEADER + b"China,country,295.4,S1\nChina,country,68.5,S5\n",
            3,
            "duplicate partner 'China'",
        ),
        ("zero deficit", HEADER + b"China,country,0,S1\n", 2, "must be a positive deficit, got '0'"),
        (
            "negative deficit",
            HEADER + b"China,country,295.4,S1\nJapan,country,-68.5,S5\n",
            3,
            "positive deficit",
        ),
        ("unknown row type", HEADER + b"China,planet,295.4,S1\n", 2, "unknown partner_type 'planet'"),
        ("wrong delimiter", GOOD.replace(b",", b";"), 1, "the delimiter must be a comma"),
        ("truncated row", HEADER + b"China,country,295.4,S1\nJapan,country\n", 3, "truncated"),
        ("extra cell", HEADER + b"China,country,295,4,S1\n", 2, "more cells than the header"),
        ("garbage bytes", HEADER + b"China,country,295.4,S1\n\xff\xfe\x81garbage\n", 3, "not valid UTF-8"),
        ("NUL bytes", HEADER + b"China,country,295.4,S1\x00\x00\n", 2, "NUL byte"),
        ("unknown source", HEADER + b"China,country,295.4,S99\n", 2, "unknown source code 'S99'"),
        ("unclosed quote", HEADER + b'"China,country,295.4,S1\n', 2, "quote that is never closed"),
    ],
)
def test_bad_input_names_file_line_and_problem(tmp_path, case, content, line, fragment):
    path = write(tmp_path, content)
    with pytest.raises(DataError) as info:
        load_deficits(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    if line is not None:
        assert f"line {line}:" in message, message
    assert fragment in message, message
    assert "\n" not in message  # one message, one line


@pytest.mark.parametrize(
    ("case", "transform"),
    [
        ("UTF-8 BOM", lambda b: b"\xef\xbb\xbf" + b),
        ("CRLF line endings", lambda b: b.replace(b"\n", b"\r\n")),
        ("stray spaces", lambda b: b.replace(b",", b" , ")),
        (
            "rows in another order",
            lambda b: b.split(b"\n", 1)[0] + b"\n" + b"\n".join(sorted(b.split(b"\n")[1:])),
        ),
        ("blank trailing lines", lambda b: b + b"\n\n"),
    ],
)
def test_harmless_variants_give_the_same_partners(tmp_path, case, transform):
    assert load_deficits(write(tmp_path, transform(GOOD))) == load_deficits()


def test_frictionless_verdict_is_remembered_for_the_same_table_only(tmp_path, monkeypatch):
    # Warm builds skip Frictionless (0.7 s) for a table it has passed; any change is validated again,
    # and a table it rejects is never remembered.
    import frictionless

    from explainer import deficits_data

    validated = tmp_path / "validated"
    monkeypatch.setattr(deficits_data, "VALIDATED_DIR", validated)
    calls = []
    real_validate = frictionless.Package.validate

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real_validate(self, *args, **kwargs)

    monkeypatch.setattr(frictionless.Package, "validate", counted)
    path = write(tmp_path, GOOD)
    partners = load_deficits(path)
    assert len(calls) == 1 and len(list(validated.iterdir())) == 1
    assert load_deficits(path) == partners
    assert len(calls) == 1

    path.write_bytes(GOOD.replace(b"295.4", b"295.5"))
    load_deficits(path)
    assert len(calls) == 2

    bad = write(tmp_path, HEADER + b"China,planet,295.4,S1\n", "bad.csv")
    for attempt in (3, 4):
        with pytest.raises(DataError, match="unknown partner_type 'planet'"):
            load_deficits(bad)
        assert len(calls) == attempt
    assert len(list(validated.iterdir())) == 2
