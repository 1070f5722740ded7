"""The officer's guides (docs/guide.ar.md, docs/guide.fr.md) against the code: every message the
validator can print is explained in both guides, and every task they name exists.

The messages are found in the source, never listed by hand: the modules of the plugins
communiques, bilingual and tlog (plugins/communiques_site/) are parsed with `ast`. The shapes
read:

- Reporting calls, whose message is their last positional argument:
  `report(line, field, message)` (the closures of documents.read and pages.load_pages, and the
  callback that frontmatter.decode and frontmatter.split receive), `report(field, message)`
  (the closures of cases._check_original and cases._check_translation, and the rules that
  receive them), `self.report(line, path, message)` (schema.Reader), `fail(message)` (the
  callback of schema.parse_datetime), and `<x>.add(path, line, field, message)` with four
  positional arguments (Problems.add, build.problems.add).
- A message is a string constant (implicit concatenations included), an f-string
  (`JoinedStr`), a `+` of them, either branch of `a if c else b`, either operand of `a or b`.
- A name is followed to the assignments that reach it: back through the statements before its
  use, then out through the blocks and functions around it, up to an assignment, or an `if`
  whose every branch assigns it (`fix` in schema.Reader); a parameter cannot be followed; at
  module level, a constant (`LINK_FIX`). Assigned
  from a call of a function of these modules, it takes what that function returns
  (`problem = initials_problem(…)`), the tuple's element when unpacked
  (`line, message = _yaml_problem(…)`). A loop variable takes the values of a module-level dict
  it iterates (`for _, meaning in YAML_PROBLEMS.items()`), or the element of the tuples that
  the iterated function of these modules appends to a list, returns or yields
  (`for line, message in check_markdown(…)`, where `found.append((line, message))`).
- Inside an f-string, a name all of whose values are string expressions is expanded, one
  message per combination (`f"{what}; {fix}"`); any other inserted value (an attribute, a
  call, a parameter) is a hole, written `<…>` in the guides.

Each message reduces to its constant fragments (the text between holes); the longest one, if
it has MIN_FRAGMENT characters at least, must appear verbatim in each guide (runs of blanks
count as one space, so that a line may wrap). Messages with no fragment that long are counted
and skipped. A call whose message is only a parameter of the function it is in (a closure
that passes reports on, the lambda given to parse_datetime as `fail`) forwards messages
reported elsewhere: it is counted, not checked.
"""

import ast
import importlib.util
import itertools
import re
from dataclasses import dataclass
from functools import cache

from invoke import Collection

from conftest import ROOT

GUIDES = {lang: ROOT / f"docs/guide.{lang}.md" for lang in ("ar", "fr")}
SOURCES = (
    "plugins/communiques_site/communiques",
    "plugins/communiques_site/bilingual",
    "plugins/communiques_site/tlog",
)
MIN_FRAGMENT = 12
HOLE = None  # in a template: a value the message inserts
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@dataclass(frozen=True)
class Message:
    """A message as a template: its parts are HOLE or (text, path, line) of a constant."""

    template: tuple

    def fragments(self):
        """[(text, path, line)] of the runs of constants, each where its first part is."""
        runs, current = [], None
        for part in (*self.template, HOLE):
            if part is HOLE:
                if current:
                    runs.append(current)
                current = None
            elif current is None:
                current = part
            else:
                current = (current[0] + part[0], current[1], current[2])
        return [(re.sub(r"\s+", " ", text), path, line) for text, path, line in runs]

    def longest(self):
        return max(self.fragments(), key=lambda run: len(run[0]), default=("", "", 0))

    def shown(self):
        return "".join("<…>" if part is HOLE else part[0] for part in self.template)

    def where(self):
        _, path, line = self.longest()
        return f"{path}:{line}"


class Module:
    def __init__(self, path):
        self.path = path.relative_to(ROOT).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.parent = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self.constants = {
            target.id: node.value
            for node in self.tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }


@cache
def modules():
    return tuple(
        Module(path) for folder in SOURCES for path in sorted((ROOT / folder).glob("*.py"))
    )


@cache
def functions():
    """{name: [(module, def)]} of every function of the scanned modules."""
    found = {}
    for module in modules():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.setdefault(node.name, []).append((module, node))
    return found


def own_nodes(node, top=False):
    """The nodes of a function's body (or of a statement, itself included, when `top`),
    without those of the functions defined in it."""
    if top:
        return walk([node])
    return walk(list(node.body) if isinstance(node.body, list) else [node.body])


def walk(stack):
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, FUNCTIONS)
        )


def preceding(parent, node):
    """The statements before `node` in the statement list of `parent` that holds it."""
    for field in ("body", "orelse", "finalbody"):
        statements = getattr(parent, field, None)
        if isinstance(statements, list):
            for index, statement in enumerate(statements):
                if statement is node:
                    return statements[:index]
    return []


def assigns(statement, name):
    """The statement gives `name` a value on every path through it."""
    if isinstance(statement, ast.Assign):
        return any(is_name(t, name) or position(t, name) is not None for t in statement.targets)
    if isinstance(statement, ast.If):
        return all(
            any(assigns(s, name) for s in branch) for branch in (statement.body, statement.orelse)
        )
    if isinstance(statement, ast.With):
        return any(assigns(s, name) for s in statement.body)
    return False


def is_name(target, name):
    return isinstance(target, ast.Name) and target.id == name


def parameters(function):
    args = function.args
    return {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]} | {
        a.arg for a in (args.vararg, args.kwarg) if a
    }


UNKNOWN = (HOLE,)  # an expression that could not be followed to strings


class Reader:
    """Follows a message expression to the templates it can take (a list of alternatives;
    UNKNOWN for one that could not be followed)."""

    def __init__(self):
        self.active = set()  # what is being followed: no endless recursion

    def strings(self, module, node):
        key = (module.path, id(node))
        if key in self.active:
            return [UNKNOWN]
        self.active.add(key)
        try:
            return self._strings(module, node)
        finally:
            self.active.discard(key)

    def _strings(self, module, node):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return [((node.value, module.path, node.lineno),)]
            return []  # None, a number: no message
        if isinstance(node, ast.JoinedStr):
            pieces = [
                [((value.value, module.path, node.lineno),)]
                if isinstance(value, ast.Constant)
                else self.inserted(module, value)
                for value in node.values
            ]
            return [sum(combination, ()) for combination in itertools.product(*pieces)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.strings(module, node.left), self.strings(module, node.right)
            return [a + b for a, b in itertools.product(left, right)]
        if isinstance(node, ast.IfExp):
            return self.strings(module, node.body) + self.strings(module, node.orelse)
        if isinstance(node, ast.BoolOp):
            return [found for value in node.values for found in self.strings(module, value)]
        if isinstance(node, ast.Name):
            return self.name(module, node)
        if isinstance(node, ast.Call):
            returned = self.returned(node, None)
            if returned is not None:
                return returned
        return [UNKNOWN]

    def inserted(self, module, value):
        """The alternatives of a value inserted into an f-string: expanded when it is a name
        whose every value was followed to a string expression, else one hole."""
        if isinstance(value.value, ast.Name) and value.conversion == -1 and not value.format_spec:
            found = self.strings(module, value.value)
            if found and UNKNOWN not in found:
                return found
        return [(HOLE,)]

    def name(self, module, use):
        """The values of a name where it is used: the assignments that reach it, found by
        walking back through the statements before it and out through the blocks around it
        (a parameter is UNKNOWN); at module level, a module constant."""
        found, node, name = [], use, use.id
        while (parent := module.parent.get(node)) is not None:
            if isinstance(parent, FUNCTIONS) and name in parameters(parent):
                return [*found, UNKNOWN]
            if isinstance(parent, ast.For) and any(node is s for s in parent.body):
                index = None if is_name(parent.target, name) else position(parent.target, name)
                if is_name(parent.target, name) or index is not None:
                    return found + self.element(module, parent.iter, index)
            for before in reversed(preceding(parent, node)):
                found += self.assigned_in(module, before, name)
                if assigns(before, name):
                    return found
            node = parent
        if not found and name in module.constants:
            return self.strings(module, module.constants[name])
        return found or [UNKNOWN]

    def assigned_in(self, module, statement, name):
        """The values `name` is given by the assignments and loops of a statement."""
        found = []
        for node in own_nodes(statement, top=True):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if is_name(target, name):
                        found += self.strings(module, node.value)
                    elif (index := position(target, name)) is not None:
                        found += self.element(module, node.value, index)
            elif isinstance(node, ast.For):
                if is_name(node.target, name):
                    found += self.element(module, node.iter, None)
                elif (index := position(node.target, name)) is not None:
                    found += self.element(module, node.iter, index)
        return found

    def element(self, module, value, index):
        """The values of element `index` (None: the whole) of what `value` gives: a module
        dict's .items(), or a call of a function of these modules."""
        if isinstance(value, ast.Call):
            func = value.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "items"
                and isinstance(func.value, ast.Name)
                and isinstance(module.constants.get(func.value.id), ast.Dict)
                and index in (0, 1)
            ):
                table = module.constants[func.value.id]
                nodes = table.keys if index == 0 else table.values
                return [found for node in nodes for found in self.strings(module, node)]
            returned = self.returned(value, index)
            if returned is not None:
                return returned
        return [UNKNOWN]

    def returned(self, call, index):
        """What the called function of these modules returns, yields or appends to a list
        (element `index` of a tuple when not None); None when it is not one of theirs."""
        func = call.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if called not in functions():
            return None
        found = []
        for module, function in functions()[called]:
            for node in own_nodes(function):
                if isinstance(node, ast.Return | ast.Yield) and node.value is not None:
                    value = node.value
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "append"
                    and len(node.args) == 1
                ):
                    value = node.args[0]
                else:
                    continue
                if index is None and not isinstance(value, ast.Tuple):
                    found += self.strings(module, value)
                elif index is not None and isinstance(value, ast.Tuple) and index < len(value.elts):
                    found += self.strings(module, value.elts[index])
        return found


def position(target, name):
    """The index of `name` in a tuple target (a, b = …), or None."""
    if isinstance(target, ast.Tuple):
        for index, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return index
    return None


def reported(call):
    """The message argument of a reporting call, or None when the call is not one."""
    func, args = call.func, call.args
    if not args or any(isinstance(a, ast.Starred) for a in args):
        return None
    if isinstance(func, ast.Name) and func.id in ("report", "fail"):
        return args[-1]
    if isinstance(func, ast.Attribute):
        if func.attr == "report" and isinstance(func.value, ast.Name) and func.value.id == "self":
            return args[-1]
        if func.attr == "add" and len(args) == 4:
            return args[-1]
    return None


@cache
def extracted():
    """(messages, forwarding calls): every message a reporting call of the scanned modules
    can print, and the number of calls that only pass on a message reported elsewhere."""
    reader, messages, forwarders = Reader(), set(), 0
    for module in modules():
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call) or (argument := reported(node)) is None:
                continue
            followed = [t for t in reader.strings(module, argument) if t != UNKNOWN]
            if not followed:
                forwarders += 1
            messages.update(Message(template) for template in followed)
    return sorted(messages, key=lambda m: (*m.longest()[1:], m.shown())), forwarders


def guide(lang):
    return " ".join(GUIDES[lang].read_text(encoding="utf-8").split())


def test_the_extraction_finds_the_validators_messages():
    """The reader sees every shape of the docstring (a shape it stops seeing would let
    messages go unchecked)."""
    messages, forwarders = extracted()
    shown = {m.shown() for m in messages}
    expected = (
        # report(line, field, message) in documents.read, with a name assigned an f-string
        '<…> "<…>"; remove it or add an exception',
        # self.report in schema.Reader, `fix` expanded from its three assignments
        "is not a known field; no field may hold a person's name; remove it",
        # fail(…) in schema.parse_datetime
        "'<…>' has no time; add the time, e.g. <…>T18:30",
        # a helper's returns (initials_problem), through `problem = …`
        "'<…>' is not initials; write one to three letters each followed by a dot, e.g. <…>",
        # for line, message in check_markdown(…): appended tuples, link_problem's returns,
        # the module constant LINK_FIX expanded
        'link target "<…>" is not allowed; link to an https://, http:// or mailto: address, '
        "or to a page of this site from its root (/fr/…)",
        # line, message = _yaml_problem(…): returned tuples, YAML_PROBLEMS.items() values
        "a field without ':'; write 'name: value' (YAML: <…>)",
        # report(field, message) of the rules in cases.py
        "a minor's initials are never published; remove the line",
        # problems.add in cases._report_missing, `what` and `fix` expanded
        "the <…> translation is missing; create <…>/<…>.<…>.md (invoke new --translate <…>)",
        # build.problems.add in bilingual.site
        "is missing; every page exists in every language of the site (<…> too): "
        "write this one's text",
    )
    for message in expected:
        assert message in shown, message
    assert len(messages) > 80
    assert forwarders >= 4  # the report closures and parse_datetime's lambda


def missing_from_guides(messages):
    """(guide, where the code writes it, the part the guide lacks, the message) of each
    message whose longest fixed part a guide does not quote."""
    messages = list(messages)
    return [
        f"{GUIDES[lang].relative_to(ROOT)}: {m.where()}: {m.longest()[0]!r}  "
        f"(the message: {m.shown()})"
        for lang in GUIDES
        for text in [guide(lang)]
        for m in messages
        if m.longest()[0] not in text
    ]


def test_every_validator_message_is_explained_in_both_guides():
    messages, forwarders = extracted()
    checked = [m for m in messages if len(m.longest()[0]) >= MIN_FRAGMENT]
    skipped = [m.shown() for m in messages if len(m.longest()[0]) < MIN_FRAGMENT]
    print(
        f"{len(messages)} messages extracted ({forwarders} forwarding calls), "
        f"{len(checked)} checked in each guide, {len(skipped)} skipped "
        f"(no fixed part of {MIN_FRAGMENT} characters): {skipped}"
    )
    missing = missing_from_guides(checked)
    assert not missing, (
        f"{len(missing)} missing from the guides (the guide, where the code writes the message, "
        "the part that must appear verbatim, the whole message). Quote each message as it is "
        "printed, with <…> for what it inserts, and say what it means and how to fix it:\n"
        + "\n".join(missing)
    )


def test_every_task_the_guides_name_exists():
    spec = importlib.util.spec_from_file_location("site_tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    known = set(Collection.from_module(tasks).task_names)
    for lang in GUIDES:
        named = set(re.findall(r"\binvoke ([a-z][a-z-]*)", GUIDES[lang].read_text("utf-8")))
        assert named, lang
        assert named <= known, f"{lang}: no such task: {sorted(named - known)}"


@cache
def task_messages():
    """Every message a task of tasks.py stops on (`raise Exit(message, …)`), read as the
    validator's are."""
    module, reader, messages = Module(ROOT / "tasks.py"), Reader(), set()
    for node in ast.walk(module.tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Exit"
            and node.args
        ):
            followed = [t for t in reader.strings(module, node.args[0]) if t != UNKNOWN]
            messages.update(Message(template) for template in followed)
    return sorted(messages, key=lambda m: (*m.longest()[1:], m.shown()))


def test_every_task_message_is_explained_in_both_guides():
    """The guides quoted `<…> exists already` for `invoke new` when the task said `the id … is
    taken (…); choose another --keyword`."""
    messages = task_messages()
    shown = {m.shown() for m in messages}
    assert any(m.endswith(" is taken (<…>); choose another --keyword") for m in shown)
    assert len(messages) >= 8
    missing = missing_from_guides(m for m in messages if len(m.longest()[0]) >= MIN_FRAGMENT)
    assert not missing, "task messages missing from the guides:\n" + "\n".join(missing)


HOOKS = ROOT / "deploy" / "hooks"


def hook_messages():
    """{name: template} of deploy/hooks/messages.py: every sentence the server's hooks say."""
    spec = importlib.util.spec_from_file_location("hook_messages", HOOKS / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if name.isupper()}


def test_the_hooks_say_only_the_sentences_of_their_messages_module():
    """A sentence written in a hook itself would escape the guides' check below: what a hook
    says (`say(…)`) is a template of messages.py or a name that holds one (a problem found
    elsewhere, or a line of `invoke validate`, whose messages the test above checks), and no
    string of the hooks has the shape of a message ("what is wrong; what to do")."""
    written = []
    for path in sorted(HOOKS.glob("*.py")):
        if path.name in ("messages.py", "install.py"):  # install.py speaks to the administrator
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            said = isinstance(node, ast.Call) and (
                getattr(node.func, "id", None) == "say" or getattr(node.func, "attr", "") == "say"
            )
            if said and not all(map(from_messages, node.args)):
                written.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:90]}")
            if isinstance(node, ast.JoinedStr) and "; " in ast.unparse(node):
                written.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:90]}")
    assert not written, "sentences outside deploy/hooks/messages.py:\n" + "\n".join(written)


def from_messages(argument):
    """`messages.X`, `messages.X.format(…)`, (a if c else b).format(…) of them, or a name."""
    if isinstance(argument, ast.Name):
        return True
    if isinstance(argument, ast.Call) and getattr(argument.func, "attr", "") == "format":
        return from_messages(argument.func.value)
    if isinstance(argument, ast.IfExp):
        return from_messages(argument.body) and from_messages(argument.orelse)
    return (
        isinstance(argument, ast.Attribute)
        and isinstance(argument.value, ast.Name)
        and argument.value.id == "messages"
    )


def test_every_message_of_the_hooks_is_quoted_in_both_guides():
    messages = hook_messages()
    assert {"MAINTAINER_NEEDED", "OVERTAKEN", "NOT_FAST_FORWARD", "SYMLINK_IN_CONTENT"} <= set(
        messages
    )
    missing = [
        f"{GUIDES[lang].relative_to(ROOT)}: {name}: {fragment!r}"
        for lang in GUIDES
        for text in [guide(lang)]
        for name, template in messages.items()
        for fragment in re.split(r"\{[^}]*\}", " ".join(template.split()))
        if len(fragment.strip()) >= MIN_FRAGMENT and fragment.strip() not in text
    ]
    assert not missing, (
        "Quote every message of deploy/hooks/messages.py as printed, <…> for each {…}, and say "
        "what it means and what to do:\n" + "\n".join(missing)
    )
