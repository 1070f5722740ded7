"""Problems found in the content, reported together before the build stops."""

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an officer must fix: where, which field, what is wrong and how to fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Problems:
    """Collects every problem of a build, so that one run shows them all."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(str(path), line, field_name, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(Exception):
    """The content has problems; nothing is published until all are fixed."""

    exitcode = 1

    def __init__(self, problems: Problems):
        self.problems = problems.sorted()
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the content; nothing was published:\n{lines}")
