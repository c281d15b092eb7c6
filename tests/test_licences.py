"""The course says under which terms it may be reused, and traces every data file it ships."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scaling_utils" / "data"


def test_licence_files_exist():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "Attribution 4.0 International" in (ROOT / "LICENSE-CONTENT").read_text()
    assert (ROOT / "NOTICE").exists()


def test_every_shipped_data_file_is_in_notice_with_a_readme():
    notice = (ROOT / "NOTICE").read_text()
    files = [p for p in DATA.rglob("*") if p.is_file() and p.suffix not in (".py", ".md")
             and "__pycache__" not in p.parts] if DATA.exists() else []
    for path in files:
        relative = str(path.relative_to(ROOT))
        assert relative in notice, f"{relative} is shipped but not listed in NOTICE"
        readmes = list(path.parent.glob("README*"))
        assert readmes, f"{relative} has no README beside it naming source, licence, extraction"
