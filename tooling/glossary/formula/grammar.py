"""Tokenizer and recursive-descent parser for the formula grammar (see the package doc).

The parser recurses only into parentheses, unary minus and ``sum( )``, whose nesting is
limited (``MAX_DEPTH``); chains of operators are loops, and every walk over a tree
(``fold``, ``fold_json``) uses a stack of its own, so a flat chain of thousands of terms
never meets Python's recursion limit. The source's length and each number's are limited
too, so a megabyte of digits is refused at once instead of becoming ``inf`` (issue #19)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

MAX_LENGTH = 100_000  # characters in an expression
MAX_DEPTH = 64  # parentheses, unary minuses and sum( ) inside one another
MAX_DIGITS = 30  # characters in one number, the point included
FUNCTIONS = frozenset({"sum"})  # reserved: not input names

T = TypeVar("T")


class FormulaError(Exception):
    """A problem in a formula or its evaluation, with a code and a 1-based column."""

    def __init__(self, code: str, column: int, detail: str = ""):
        super().__init__(f"{code} at column {column}{': ' + detail if detail else ''}")
        self.code, self.column, self.detail = code, column, detail


@dataclass(frozen=True)
class Node:
    """An AST node: ``num`` (value), ``var`` (name), ``neg`` or ``sum`` (one arg) or an
    operator ``+ - * /`` (two args). ``column`` is where it starts in the source."""

    kind: str
    value: float | str | None = None
    args: tuple[Node, ...] = ()
    column: int = 0

    def __repr__(self) -> str:
        def show(node: Node, args: list[str]) -> str:
            if node.kind == "num":
                return format(node.value, "g")
            if node.kind == "var":
                return str(node.value)
            return f"({node.kind} {' '.join(args)})"

        return fold(self, show)


def fold(root: Node, visit: Callable[[Node, list[T]], T]) -> T:
    """``visit(node, values of its args)`` for every node, children first, left to right,
    without recursion."""
    stack: list[tuple[Node, bool]] = [(root, False)]
    values: list[T] = []
    while stack:
        node, ready = stack.pop()
        if node.args and not ready:
            stack.append((node, True))
            stack.extend((arg, False) for arg in reversed(node.args))
            continue
        count = len(node.args)
        args = values[len(values) - count :]
        del values[len(values) - count :]
        values.append(visit(node, args))
    return values[0]


def fold_json(root: list, visit: Callable[[list, list[T]], T]) -> T:
    """``fold`` over a JSON AST: ``visit(node, values of its args)``, children first."""
    stack: list[tuple[list, bool]] = [(root, False)]
    values: list[T] = []
    while stack:
        node, ready = stack.pop()
        nested = node[0] not in ("num", "var")
        if nested and not ready:
            stack.append((node, True))
            stack.extend((arg, False) for arg in reversed(node[1:]))
            continue
        count = len(node) - 1 if nested else 0
        args = values[len(values) - count :]
        del values[len(values) - count :]
        values.append(visit(node, args))
    return values[0]


_DIGITS = "0-9\uff10-\uff19"  # ASCII and fullwidth, as the calculator accepts them
_TOKEN = re.compile(
    rf"\s*(?:(?P<number>[{_DIGITS}]+(?:\.[{_DIGITS}]+)?)|(?P<name>[a-z][a-z0-9_]*)|(?P<op>[-+*/()]))"
)
_FULLWIDTH = str.maketrans({0xFF10 + digit: str(digit) for digit in range(10)})


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op" or "end"
    text: str
    column: int


def _tokens(source: str) -> Iterator[_Token]:
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if not match or match.end() == position:
            rest = source[position:]
            stripped = rest.lstrip()
            if not stripped:
                break
            column = len(source) - len(stripped) + 1
            yield _Token("bad", stripped[0], column)
            return
        kind = match.lastgroup
        assert kind is not None  # every alternative of the token pattern is a named group
        text = match.group(kind)
        yield _Token(kind, text, match.start(kind) + 1)
        position = match.end()
    yield _Token("end", "", len(source.rstrip()) + 1)


class _Parser:
    def __init__(self, source: str):
        self.tokens = list(_tokens(source))
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.token
        self.index += 1
        return token

    def fail(self, token: _Token) -> FormulaError:
        if token.kind == "bad":
            return FormulaError("unexpected-character", token.column, token.text)
        if token.kind == "end":
            return FormulaError("unexpected-end", token.column)
        if token.text == ")":
            return FormulaError("unmatched-parenthesis", token.column)
        return FormulaError("unexpected-token", token.column, token.text)

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError("too-deeply-nested", token.column, str(MAX_DEPTH))

    def is_op(self, ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def expression(self) -> Node:
        node = self.term()
        while self.is_op("+-"):
            op = self.advance()
            node = Node(op.text, args=(node, self.term()), column=op.column)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.is_op("*/"):
            op = self.advance()
            node = Node(op.text, args=(node, self.unary()), column=op.column)
        return node

    def unary(self) -> Node:
        if self.is_op("-"):
            op = self.advance()
            self.enter(op)
            node = Node("neg", args=(self.unary(),), column=op.column)
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            if len(token.text) > MAX_DIGITS:
                raise FormulaError("number-too-long", token.column, str(MAX_DIGITS))
            return Node("num", float(token.text.translate(_FULLWIDTH)), column=token.column)
        if token.kind == "name":
            self.advance()
            if self.is_op("("):
                return self.call(token)
            if token.text in FUNCTIONS:
                raise FormulaError("function-without-parentheses", token.column, token.text)
            return Node("var", token.text, column=token.column)
        if self.is_op("("):
            self.advance()
            return self.parenthesized(token)
        raise self.fail(token)

    def call(self, name: _Token) -> Node:
        if name.text not in FUNCTIONS:
            raise FormulaError("unknown-function", name.column, name.text)
        opening = self.advance()
        return Node(name.text, args=(self.parenthesized(opening, name),), column=name.column)

    def parenthesized(self, opening: _Token, start: _Token | None = None) -> Node:
        """What follows an opening parenthesis, up to its closing one (``start``: the
        function name before it, where a nesting too deep is reported)."""
        self.enter(start or opening)
        inner = self.expression()
        self.depth -= 1
        if self.is_op(")"):
            self.advance()
            return inner
        if self.token.kind == "end":
            raise FormulaError("unclosed-parenthesis", opening.column)
        raise self.fail(self.token)


def parse(source: str) -> Node:
    """The AST of ``source``, or a FormulaError naming the first problem and its column."""
    if len(source) > MAX_LENGTH:
        raise FormulaError("expression-too-long", MAX_LENGTH + 1, str(MAX_LENGTH))
    if not source.strip():
        raise FormulaError("empty-expression", 1)
    parser = _Parser(source)
    node = parser.expression()
    if parser.token.kind != "end":
        raise parser.fail(parser.token)
    return node


def to_json(node: Node) -> list:
    """Compact JSON form: ``["num", 12]``, ``["var", "mrr"]``, ``["neg", a]``,
    ``["sum", a]``, ``["+", a, b]``."""

    def visit(n: Node, args: list[list]) -> list:
        if n.kind in ("num", "var"):
            value = n.value
            if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
                value = int(value)
            return [n.kind, value]
        return [n.kind, *args]

    return fold(node, visit)


def from_json(data: list) -> Node:
    def visit(node: list, args: list[Node]) -> Node:
        kind = node[0]
        if kind in ("num", "var"):
            return Node(kind, float(node[1]) if kind == "num" else node[1])
        return Node(kind, args=tuple(args))

    return fold_json(data, visit)


def names(node: Node) -> list[str]:
    """Input names used, in order of first use."""
    found: dict[str, None] = {}
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "var":
            found.setdefault(str(n.value), None)
        stack.extend(reversed(n.args))
    return list(found)
