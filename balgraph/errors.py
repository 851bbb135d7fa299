"""The errors balgraph raises for bad input; each names the input, the place and the fix."""

from __future__ import annotations

from pathlib import Path


class BalgraphError(Exception):
    """Base class; the command line prints the message and exits with `exit_code`."""

    exit_code = 2


class InputError(BalgraphError):
    """An input file cannot be read or parsed."""

    def __init__(self, source: str | Path, problem: str, fix: str,
                 line: int | None = None, column: int | None = None) -> None:
        self.source = str(source)
        self.problem = problem
        self.fix = fix
        self.line = line
        self.column = column
        place = self.source
        if line is not None:
            place += f":{line}"
            if column is not None:
                place += f":{column}"
        super().__init__(f"{place}: {problem}. {fix}")


class InputErrors(BalgraphError):
    """Several inputs cannot be read or parsed; `errors` holds one InputError per input."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class NotConformingError(BalgraphError):
    """Data does not conform to the shapes; carries the validation report."""

    exit_code = 1

    def __init__(self, report) -> None:
        self.report = report
        super().__init__(f"the data does not conform to the shapes ({report.violation_count} violations)")


class StoreError(BalgraphError):
    """The built store is missing or cannot be opened."""


class ReasonerUnavailableError(BalgraphError):
    """The OWL reasoner cannot run, usually because Java is missing."""
