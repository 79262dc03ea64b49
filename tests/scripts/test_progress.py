"""Progress goes to a terminal only: a real `welfare` process with standard error on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

WELFARE = Path(sys.executable).with_name("welfare")
CLEAN = Path(__file__).with_name("reports") / "books" / "small.beancount"


def run_with_stderr_on_a_terminal(*args: str) -> tuple[int, str, str]:
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("WELFARE_LANG", "LC_ALL", "LC_MESSAGES")}
    process = subprocess.Popen(
        [str(WELFARE), *args], stdout=subprocess.PIPE, stderr=follower, env=env | {"LANG": "C.UTF-8"}
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    output, _ = process.communicate()
    os.close(leader)
    return process.returncode, output.decode(), seen.decode(errors="replace")


def test_check_shows_progress_on_a_terminal_and_wipes_it():
    code, out, terminal = run_with_stderr_on_a_terminal("check", str(CLEAN))
    assert code in (0, 1)
    assert f"Reading and checking the book {CLEAN}... 0 s" in terminal
    assert terminal.endswith(" \r")  # the line is wiped: blanks over it, the cursor back at its start
    assert "Reading" not in out  # standard output stays clean


def test_thai_progress_through_the_catalog():
    _, _, terminal = run_with_stderr_on_a_terminal(
        "--lang", "th", "report", "areas", str(CLEAN), "--year", "2023"
    )
    assert f"กำลังอ่านบัญชี {CLEAN}" in terminal
    assert "กำลังทำรายงาน" in terminal
    assert "คำเตือน: บัญชีบันทึกถึงวันที่ 10 ก.พ. 2567" in terminal  # the books are far behind today


def test_no_progress_in_a_pipe():
    done = subprocess.run(
        [str(WELFARE), "--lang", "en", "check", str(CLEAN)], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1)
    assert done.stderr == ""
