"""`data` files and `target`s (LANGUAGE.md section 5): reading exports, mapping, errors, JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import journeymap
from journeymap.compiler.load import Compiled, compile_file

JOURNEY = """\
journey: Trial
{data}
target count: >= 500
stage visit: Visit
  target count: > 3
  step pricing: Reads the pricing page
    count: 5
    metric nps: 20
    target nps: >= 30
    touchpoint web: Pricing page [url="/pricing", duration=2m]
stage pay: Pay
  step checkout: Pays
    touchpoint: Checkout [url="/checkout"]
"""


def _compile(tmp_path: Path, files: dict[str, str | bytes], data: str = 'data "d.csv"') -> Compiled:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    main = tmp_path / "j.journey"
    main.write_text(JOURNEY.format(data=data), encoding="utf-8")
    return compile_file(os.path.relpath(main))  # files are shown as the user named them


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _model(result: Compiled) -> Any:
    assert result.journey is not None, [str(d) for d in result.diagnostics]
    return json.loads(journeymap.to_json(result.journey))


def _codes(result: Compiled) -> list[str]:
    return sorted(d.code for d in result.diagnostics)


def _step(model: Any, stage: int = 0, step: int = 0) -> Any:
    return model["stages"][stage]["steps"][step]


# -- reading -------------------------------------------------------------------------------


def test_comma_csv_fills_counts_metrics_and_touchpoint_figures(tmp_path: Path) -> None:
    result = _compile(
        tmp_path, {"d.csv": "id,count,nps,duration\nvisit,1200,,\npricing,900,31.5,\nweb,,,95\n"}
    )
    model = _model(result)
    assert model["stages"][0]["count"] == 1200
    step = _step(model)
    assert step["count"] == 900
    assert step["metrics"]["nps"] == "31.5"
    assert step["touchpoints"][0]["attributes"]["duration"] == "95s"
    assert step["sources"] == {
        "count": {"file": "d.csv", "line": 3},
        "nps": {"file": "d.csv", "line": 3},
    }
    assert step["touchpoints"][0]["sources"] == {"duration": {"file": "d.csv", "line": 4}}
    assert model["stages"][0]["sources"] == {"count": {"file": "d.csv", "line": 2}}


def test_semicolon_decimal_comma_bom_crlf_and_clock_durations(tmp_path: Path) -> None:
    text = "\ufeffid;count;nps;duration\r\npricing;900;31,5;\r\nweb;;;1:02:03\r\n"
    model = _model(_compile(tmp_path, {"d.csv": text.encode("utf-8")}))
    step = _step(model)
    assert step["count"] == 900
    assert step["metrics"]["nps"] == "31.5"
    assert step["touchpoints"][0]["attributes"]["duration"] == "3723s"


def test_tab_separated_with_quoted_cells_holding_separators(tmp_path: Path) -> None:
    text = 'id\tcount\tlocation\n"pricing"\t7\t"Berlin\tDE, EU"\n'
    model = _model(_compile(tmp_path, {"d.tsv": text}, data='data "d.tsv"'))
    step = _step(model)
    assert step["count"] == 7
    assert step["metrics"]["location"] == "Berlin\tDE, EU"


def test_quoted_comma_cell_in_a_comma_file(tmp_path: Path) -> None:
    text = 'id,count,channel mix\npricing,7,"web, app"\n'
    step = _step(_model(_compile(tmp_path, {"d.csv": text})))
    assert step["metrics"]["channel mix"] == "web, app"


def test_json_list_of_rows(tmp_path: Path) -> None:
    text = json.dumps([{"id": "pricing", "count": 42, "nps": 33}, {"id": "web", "score": 4.5}])
    model = _model(_compile(tmp_path, {"d.json": text}, data='data "d.json"'))
    step = _step(model)
    assert step["count"] == 42 and step["metrics"]["nps"] == "33"
    assert step["touchpoints"][0]["attributes"]["score"] == "4.5"
    assert step["sources"]["count"] == {"file": "d.json", "line": 1}


def test_empty_cells_are_absent_values(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id,count,nps\npricing,,\n"})
    step = _step(_model(result))
    assert step["count"] == 5 and step["metrics"]["nps"] == "20"
    assert "sources" not in step
    assert "W902" not in _codes(result)


def test_column_mapping_and_match_by_touchpoint_attribute(tmp_path: Path) -> None:
    text = "page_path,sessions,avg_time\n/pricing,1500,0:01:35\n/checkout,300,40\n/blog,9,1\n"
    result = _compile(
        tmp_path,
        {"pages.csv": text},
        data='data "pages.csv" [id=page_path, count=sessions, duration=avg_time, match=url]',
    )
    model = _model(result)
    first = _step(model)["touchpoints"][0]["attributes"]
    assert first["count"] == "1500" and first["duration"] == "95s"
    assert _step(model, 1)["touchpoints"][0]["attributes"]["duration"] == "40s"
    unknown = [d for d in result.diagnostics if d.code == "W901"]
    assert len(unknown) == 1 and "1 row" in unknown[0].message and "`/blog`" in unknown[0].message


# -- warnings ------------------------------------------------------------------------------


def test_data_wins_over_a_written_figure_with_a_warning_naming_both_places(
    tmp_path: Path,
) -> None:
    result = _compile(tmp_path, {"d.csv": "id,count\npricing,900\n"})
    assert _step(_model(result))["count"] == 900
    (warning,) = [d for d in result.diagnostics if d.code == "W902"]
    assert warning.location.file.endswith("j.journey") and warning.location.line == 7
    assert "`d.csv` line 2" in warning.message


def test_unknown_ids_are_one_warning_with_count_and_first_ids(tmp_path: Path) -> None:
    rows = "".join(f"page{i},{i}\n" for i in range(8))
    result = _compile(tmp_path, {"d.csv": "id,count\n" + rows})
    (warning,) = [d for d in result.diagnostics if d.code == "W901"]
    assert "8 rows" in warning.message
    assert "`page0`, `page1`, `page2`, `page3`, `page4`, …" in warning.message
    assert warning.location.line == 2  # the `data` statement


# -- errors --------------------------------------------------------------------------------


def _error(result: Compiled, code: str) -> str:
    assert result.journey is None
    (error,) = [d for d in result.diagnostics if d.is_error]
    assert error.code == code
    loc = error.location
    return f"{Path(loc.file).name}:{loc.line}:{loc.column}: {error.message}"


def test_no_id_column_is_located(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "page,count\n/a,1\n"})
    assert _error(result, "E902").startswith("d.csv:1:1: `d.csv` has no `id` column")


def test_text_in_a_number_column_is_located_at_its_cell(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id,nps,count\nvisit,3,1\npricing,4,n/a\n"})
    assert _error(result, "E903").startswith("d.csv:3:11: `n/a` in column `count`")


def test_text_in_a_duration_column(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id;duration\nweb;soon\n"})
    assert _error(result, "E903").startswith("d.csv:2:5:")


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id,count\npricing,1\nvisit,2\npricing,3\n"})
    message = _error(result, "E904")
    assert message.startswith("d.csv:4:1: duplicate ID `pricing`")
    assert "already on line 2" in message


def test_json_rows_are_located(tmp_path: Path) -> None:
    text = '[\n  {"id": "pricing", "count": 1},\n  {"id": "visit", "count": "many"}\n]\n'
    result = _compile(tmp_path, {"d.json": text}, data='data "d.json"')
    assert _error(result, "E903").startswith("d.json:3:3:")


def test_json_that_is_not_a_list(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.json": '{"id": 1}'}, data='data "d.json"')
    assert _error(result, "E901").startswith("d.json:")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": b"id,location\npricing,K\xf6ln\n"})
    assert "not UTF-8" in _error(result, "E901")


def test_data_path_is_resolved_like_an_include(tmp_path: Path) -> None:
    (tmp_path / "outside.csv").write_text("id,count\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    result = _compile(inner, {}, data='data "../outside.csv"')
    assert _error(result, "E402").startswith("j.journey:2:6: include path")
    result = _compile(inner, {}, data='data "/etc/passwd"')
    assert _error(result, "E401").startswith("j.journey:2:6:")
    result = _compile(inner, {}, data='data "missing.csv"')
    assert "E007" in _codes(result) or "E901" in _codes(result)
    assert result.journey is None


def test_bad_mapping(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id\n"}, data='data "d.csv" [id]')
    assert _error(result, "E905").startswith("j.journey:2:15:")


def test_unquoted_data_path(tmp_path: Path) -> None:
    result = _compile(tmp_path, {}, data="data: d.csv")
    assert "`data` needs a quoted path" in _error(result, "E103")


def test_a_missing_mapped_column(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": "id,count\n"}, data='data "d.csv" [count=sessions]')
    assert "no `sessions` column" in _error(result, "E902")


# -- targets --------------------------------------------------------------------------------


def test_targets_met_missed_and_without_data(tmp_path: Path) -> None:
    text = JOURNEY.format(data="").replace(
        "  step checkout: Pays", "  count: 420\n  step checkout: Pays"
    )
    model = _model(journeymap.compile_string(text, name="t.journey"))
    assert model["targets"] == [
        {"name": "count", "op": ">=", "value": 500, "actual": 420, "state": "missed", "line": 3}
    ]
    assert model["stages"][0]["targets"][0]["state"] == "no data"
    assert _step(model)["targets"][0] == {
        "name": "nps",
        "op": ">=",
        "value": 30,
        "actual": 20,
        "state": "missed",
        "line": 9,
    }


def test_targets_judged_with_imported_figures(tmp_path: Path) -> None:
    model = _model(_compile(tmp_path, {"d.csv": "id,count,nps\nvisit,1200,\npricing,,31.5%\n"}))
    assert model["stages"][0]["targets"][0]["state"] == "met"
    assert model["stages"][0]["targets"][0]["actual"] == 1200
    assert _step(model)["targets"][0]["actual"] == 31.5
    assert _step(model)["targets"][0]["state"] == "met"
    assert model["targets"][0]["state"] == "met"  # the last counted stage: visit, 1200


@pytest.mark.parametrize("value", ["about 500", ">= lots", "500", "=> 5", ">= 5d"])
def test_bad_target_value(value: str) -> None:
    text = f"stage s: S\n  target count: {value}\n  step a: A\n"
    result = journeymap.compile_string(text, name="t.journey")
    assert result.journey is None
    assert [d.code for d in result.diagnostics] == ["E211"]


def test_target_in_a_persona_is_misplaced() -> None:
    result = journeymap.compile_string("persona p: P\n  target count: >= 1\n", name="t.journey")
    assert [d.code for d in result.diagnostics] == ["E102"]


def test_json_model_keeps_targets_and_sources_and_never_rereads_data(tmp_path: Path) -> None:
    compiled = _compile(tmp_path, {"d.csv": "id,count\npricing,900\n"})
    text = journeymap.to_json(_model_journey(compiled))
    (tmp_path / "d.csv").unlink()  # a JSON model given as input never reads data files
    again = journeymap.compile_string(text, name="m.json")
    assert again.journey is not None and not again.has_errors
    assert journeymap.to_json(again.journey) == text


def _model_journey(result: Compiled) -> journeymap.Journey:
    assert result.journey is not None
    return result.journey


def test_files_without_data_or_targets_keep_their_json() -> None:
    model = _model(journeymap.compile_string("stage s: S\n  step a: A\n", name="t.journey"))
    assert "targets" not in model and "sources" not in _step(model)


def test_rows_for_unknown_ids_are_still_checked(tmp_path: Path) -> None:
    rows = "".join(f"/page/{i};{i};0:01:{i % 60:02d};{i},5\n" for i in range(2000))
    good = "id;count;duration;score\n" + rows
    result = _compile(tmp_path, {"d.csv": good})
    assert result.journey is not None and _codes(result) == ["W901"]
    bad = good + "/late;12;soon;1\n"
    result = _compile(tmp_path, {"d.csv": bad})
    assert _error(result, "E903").startswith("d.csv:2002:10: `soon` in column `duration`")


def test_duplicate_unknown_id_is_an_error_too(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"d.csv": 'count,id\n1,"/blog"\n2,/x\n3,"/blog"\n'})
    message = _error(result, "E904")
    assert message.startswith("d.csv:4:3: duplicate ID `/blog`") and "line 2" in message


def test_only_csv_tsv_and_json_files_are_read(tmp_path: Path) -> None:
    result = _compile(tmp_path, {"notes.txt": "secret header\n"}, data='data "notes.txt"')
    message = _error(result, "E901")
    assert message.startswith("j.journey:2:6: `notes.txt` is not a data file")
    assert "secret" not in " ".join(d.message for d in result.diagnostics)
