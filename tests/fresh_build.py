"""One build in a process of its own, as `invoke build` runs it (the tests that say what a
process imports, or that the order of PLUGINS changes nothing from one process to another).

    python tests/fresh_build.py <site root> '<settings as JSON>'

prints {"ok": …, "problems": […], "current": …, "pelican": …} as JSON ("pelican": whether the
build imported Pelican)."""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sites import Site  # noqa: E402


def main(root: str, settings: str) -> None:
    result = Site(Path(root)).build(**json.loads(settings))
    problems = [str(problem) for problem in result.problems]
    done = {"ok": result.ok, "problems": problems, "current": result.current}
    print(json.dumps({**done, "pelican": "pelican" in sys.modules}))


if __name__ == "__main__":
    main(*sys.argv[1:])
