"""What she typed survives the application being killed, and the next start says what happened.

The real application runs in a child process: the officer starts a new cooperative and types
its name, the entry form writes its draft a moment later, and the process is killed outright
(SIGKILL / TerminateProcess: no clean-up code runs, as in a power cut or a frozen laptop).
Started again, the application says the last run did not end normally, offers the unsaved
input back, and the form reopens with the name as typed; a clean exit then leaves no sign of
an abnormal end for the start after.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from gui_process import describe_end, driver_command, gui_env, log_dir, result_line, run_driver

#: Two starts of the real GUI (the first makes the demo database): about a minute.
pytestmark = pytest.mark.slow

TYPED = "Hợp tác xã Nước mắm Sa Huỳnh"
STARTUP_TIMEOUT = 180


def test_a_new_record_typed_before_a_kill_is_offered_back(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    root = tmp_path / "Máy xã Phổ Thạnh"
    env = gui_env(cli_env, root)
    logs = log_dir(env)

    typing = subprocess.Popen(
        driver_command("draft", TYPED),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=root,
    )
    assert typing.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT
    saved = False
    for line in typing.stdout:  # the driver gives up (and exits) on its own if stuck
        if line.strip() == "DRAFT-SAVED":
            saved = True
            break
        if time.monotonic() > deadline:
            break
    if not saved:
        typing.kill()
        out, err = typing.communicate(timeout=60)
        raise AssertionError(
            f"no draft was written: {out}\n" + describe_end(typing.returncode, err, logs)
        )
    assert typing.poll() is None, "the GUI was to be killed while still running"
    typing.kill()
    typing.communicate(timeout=60)
    assert list(logs.glob("running-*.txt")), "the killed run left no sign that it was running"

    again = run_driver(env, root, "restart", timeout=STARTUP_TIMEOUT)

    assert again.returncode == 0, describe_end(again.returncode, again.stderr, logs, again.stdout)
    found = result_line(again.stdout, "RESTART-RESULT")
    assert found is not None, describe_end(again.returncode, again.stderr, logs, again.stdout)
    result = json.loads(found)
    assert result["errors"] == []
    titles = [asked["title"] for asked in result["asked"]]
    assert titles[0] == "Lần trước ứng dụng không đóng bình thường", result["asked"]
    assert "vẫn còn nguyên" in result["asked"][0]["text"]
    assert str(logs) in result["asked"][0]["text"]
    assert any("bản nhập dở" in asked["text"] for asked in result["asked"][1:]), result["asked"]
    assert result["restored"] == TYPED
    assert not list(logs.glob("running-*.txt"))  # this time it ended normally
