"""The shipped benchmark (lesson 06): what load_benchmark returns, that the file is the one its
README and NOTICE describe, and that tools/extract_benchmark.py makes it from the source."""

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from scaling_utils import CourseValueError, data

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "scaling_utils" / "data" / "benchmark_lang_losses.csv"
README = FILE.parent / "README.md"
SOURCE_COMMIT = "9853680c781781bd8d3de20aa61c7373ce059913"


def test_ten_loss_curves_with_the_benchmarks_split():
    curves = data.load_benchmark()
    assert [c.domain for c in curves] == ["NMT"] * 5 + ["LM"] * 5
    assert [c.x.size for c in curves] == [11, 10, 11, 11, 10, 119, 24, 44, 21, 21]
    assert [int(c.held_out.sum()) for c in curves] == [1, 1, 1, 1, 1, 60, 12, 5, 10, 10]
    for curve in curves:
        assert np.all(np.diff(curve.x) > 0) and curve.held_out.dtype == bool
        assert curve.x[curve.held_out].min() > curve.x[~curve.held_out].max()   # extrapolate
        assert np.all((curve.loss > 0) & (curve.loss < 1))
        assert str(curve).startswith(curve.name)
    assert {c.task for c in curves} == {"log_perplexity", "val_loss"}


def test_domains_filter_and_bad_domains_are_refused():
    assert [c.model for c in data.load_benchmark("nmt")] == [
        "6 Enc, 6 Dec", "28 Enc, 6 Dec", "6 Enc, 28 Dec", "Dec-only", "TEnc-LSTM"]
    assert len(data.load_benchmark("LM")) == 5
    for bad in ("BB", "IC", 3, ["NMT"]):
        with pytest.raises(CourseValueError, match="domain must be"):
            data.load_benchmark(bad)


def test_no_big_bench_and_no_duplicates():
    lines = FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Domain,Task,Model,Seen Examples,Loss,Training"
    assert {line.split(",")[0] for line in lines[1:]} == {"NMT", "LM"}
    assert len(set(lines)) == len(lines) == 283


def test_readme_and_notice_describe_this_very_file():
    digest = hashlib.sha256(FILE.read_bytes()).hexdigest()
    readme = README.read_text(encoding="utf-8")
    assert digest in readme and SOURCE_COMMIT in readme and "CC BY 4.0" in readme
    assert f"{FILE.stat().st_size:,} bytes" in readme
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "scaling_utils/data/benchmark_lang_losses.csv" in notice and SOURCE_COMMIT in notice
    assert SOURCE_COMMIT[:8] in data.BENCHMARK_SOURCE


def test_the_extraction_script_rebuilds_the_file_from_a_source_like_the_upstream_one(tmp_path):
    """The upstream file repeats each LM curve four times and has BIG-bench rows; the script keeps
    NMT and LM, each row once, in order, byte for byte."""
    spec = importlib.util.spec_from_file_location("extract_benchmark",
                                                  ROOT / "tools" / "extract_benchmark.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    lines = FILE.read_text(encoding="utf-8").splitlines()
    nmt = [line for line in lines[1:] if line.startswith("NMT")]
    lm = [line for line in lines[1:] if line.startswith("LM")]
    big_bench = ['BB,"(\'date\', \'1-shot\')",262M,2621440000.0,0.8482384823848239,1'] * 3
    upstream = [lines[0]] + nmt + lm + lm + lm + lm + big_bench
    source = tmp_path / "benchmark.lang.csv"
    source.write_text("\n".join(upstream) + "\n", encoding="utf-8")
    assert tool.extract(source) == FILE.read_text(encoding="utf-8")
    assert tool.main([str(source), "--check"]) == 0


def test_the_file_is_declared_as_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"scaling_utils.data" = ["*.csv", "*.md", "*.txt"]' in pyproject
