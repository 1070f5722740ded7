"""How many functions carry type annotations, per plugin package and for tasks.py.

    python scripts/annotations.py            # every package
    python scripts/annotations.py --public   # public functions only (no leading underscore)

A function counts as "any" when one of its parameters or its return carries an annotation, and
as "full" when its return and every parameter but `self`/`cls` do (a function with no
parameter but `self` needs only its return). Nested functions and methods count like the
others; a method is public when neither it nor its class starts with an underscore.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def functions(tree: ast.AST, public_only: bool) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    found: list[ast.FunctionDef | ast.AsyncFunctionDef] = []

    def visit(node: ast.AST, hidden: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                private = hidden or (child.name.startswith("_") and not child.name.startswith("__"))
                if not isinstance(child, ast.ClassDef) and not (public_only and private):
                    found.append(child)
                visit(child, private)
            else:
                visit(child, hidden)

    visit(tree, False)
    return found


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    arguments = function.args
    named = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
    starred = [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    return [arg for arg in named + starred if arg.arg not in ("self", "cls")]


def counts(files: list[Path], public_only: bool) -> tuple[int, int, int]:
    total = some = full = 0
    for path in files:
        for function in functions(ast.parse(path.read_text(encoding="utf-8")), public_only):
            annotated = [arg.annotation is not None for arg in parameters(function)]
            returns = function.returns is not None
            total += 1
            some += returns or any(annotated)
            full += returns and all(annotated)
    return total, some, full


def packages() -> dict[str, list[Path]]:
    found = {
        folder.name: sorted(folder.rglob("*.py"))
        for folder in sorted((ROOT / "plugins" / "communiques_site").iterdir())
        if (folder / "__init__.py").exists()
    }
    found["tasks.py"] = [ROOT / "tasks.py"]
    return found


def main(argv: list[str]) -> None:
    public_only = "--public" in argv
    print(f"{'package':<14}{'functions':>10}{'any':>8}{'full':>8}")
    totals = [0, 0, 0]
    for name, files in packages().items():
        total, some, full = counts(files, public_only)
        totals = [totals[0] + total, totals[1] + some, totals[2] + full]
        print(f"{name:<14}{total:>10}{some / total:>8.0%}{full / total:>8.0%}")
    total, some, full = totals
    print(f"{'all':<14}{total:>10}{some / total:>8.0%}{full / total:>8.0%}")


if __name__ == "__main__":
    main(sys.argv[1:])
