"""The README and the code say the same thing: the exit codes, the attribution rules."""
from __future__ import annotations

import re
from pathlib import Path

from factx.exitcodes import ExitStatus

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_exit_codes() -> dict[int, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d+) \| (.+) \|$", section, re.M)}


def test_every_documented_exit_code_exists():
    documented = readme_exit_codes()
    assert documented, "the README has no exit-code table"
    assert set(documented) <= {int(s) for s in ExitStatus}


def test_every_exit_code_is_documented():
    assert {int(s) for s in ExitStatus} <= set(readme_exit_codes())


def test_every_attribution_rule_is_documented():
    """The JSON's `rule` names a sieve; the README says what each one reads."""
    from factx.quotes.reported import REPORTED_SIEVES

    text = README.read_text(encoding="utf-8")
    assert [name for name, _ in REPORTED_SIEVES if f"`{name}`" not in text] == []
