"""The benchmarks' generated communes are reused between runs, but only while the code that
made them is the code that would make them now: a set cached before the demo's vocabulary was
fixed held bundles every receiver refused, and the benchmarks failed on stale data."""

from __future__ import annotations

import json

from htx_desktop.scale.national import DONE, national_set


def test_a_commune_made_by_other_code_is_made_again(tmp_path, capsys):
    first = national_set(tmp_path, communes=1, workers=1)
    assert "generating 1 of 1 communes" in capsys.readouterr().err
    done = next((tmp_path / "communes").glob(f"*/{DONE}"))
    again = national_set(tmp_path, communes=1, workers=1)
    assert "generating" not in capsys.readouterr().err  # reused: nothing to announce
    assert again.bundles == first.bundles and json.loads(done.read_text())["generator"]
    certificate = json.loads(done.read_text())["certificate"]

    stale = json.loads(done.read_text()) | {"generator": "older"}
    done.write_text(json.dumps(stale), encoding="utf-8")
    remade = national_set(tmp_path, communes=1, workers=1)
    assert "generating 1 of 1 communes" in capsys.readouterr().err
    info = json.loads(done.read_text())
    assert info["generator"] != "older" and info["certificate"] != certificate
    assert [p.exists() for p in remade.bundles] == [True]
