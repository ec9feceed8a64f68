"""How a command ends (README "Command line"): its exit code, and the one
error a command raises to end with a sentence instead of a traceback."""

from __future__ import annotations

OK = 0  # done
FAILURE = 1  # an unexpected failure (a sentence, never a traceback)
REFUSED = 2  # the input was refused; nothing changed
DATABASE = 3  # the database cannot be used (busy, read-only, damaged, too new)


class CliError(Exception):
    """End the command with this sentence on stderr and this exit code."""

    def __init__(self, message: str, code: int = REFUSED):
        super().__init__(message)
        self.code = code
