"""Prints the measured wall time and peak RSS of every hostile `okr import`
at the end of a normal test run (no `-s` needed)."""

from __future__ import annotations

MEASURED: list[tuple[str, str, int, float, float, str]] = []  # case, file, exit, seconds, MB, message


def pytest_terminal_summary(terminalreporter):
    if not MEASURED:
        return
    tr = terminalreporter
    tr.section("hostile input: okr import in a child process (wall time, peak RSS of the child)")
    tr.write_line(f"{'case':<16} {'file':<22} {'exit':>4} {'seconds':>8} {'peak MB':>8}  message")
    for case, file, code, secs, mb, msg in sorted(MEASURED):
        tr.write_line(f"{case:<16} {file:<22} {code:>4} {secs:>8.2f} {mb:>8.1f}  {msg[:90]}")
