"""The tests of one mutant, for `invoke mutate`: pytest, with its exit status folded to 0 or 1.

    python scripts/mutant_tests.py -x -q tests/test_markup.py

mutmut 2 counts a mutant as killed only when the tests exit with 1. A mutant that breaks the
module's import (`X = None` where a set is needed) stops pytest at collection with status 2,
and would be listed among the survivors although no test could run with it.
"""

import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    sys.path.insert(0, str(Path.cwd()))  # as `python -m pytest` does: the tests import tasks.py
    sys.exit(0 if pytest.main(sys.argv[1:]) == 0 else 1)
