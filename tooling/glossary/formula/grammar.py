"""Tokenizer and recursive-descent parser for the formula grammar (see the package doc)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


class FormulaError(Exception):
    """A problem in a formula or its evaluation, with a code and a 1-based column."""

    def __init__(self, code: str, column: int, detail: str = ""):
        super().__init__(f"{code} at column {column}{': ' + detail if detail else ''}")
        self.code, self.column, self.detail = code, column, detail


@dataclass(frozen=True)
class Node:
    """An AST node: ``num`` (value), ``var`` (name), ``neg`` (one arg) or an operator
    ``+ - * /`` (two args). ``column`` is where it starts in the source."""

    kind: str
    value: float | str | None = None
    args: tuple[Node, ...] = ()
    column: int = 0

    def __repr__(self) -> str:
        if self.kind == "num":
            return format(self.value, "g")
        if self.kind == "var":
            return str(self.value)
        return f"({self.kind} {' '.join(map(repr, self.args))})"


_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<name>[a-z][a-z0-9_]*)|(?P<op>[-+*/()]))")


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

    def expression(self) -> Node:
        node = self.term()
        while self.token.kind == "op" and self.token.text in "+-":
            op = self.advance()
            node = Node(op.text, args=(node, self.term()), column=op.column)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text in "*/":
            op = self.advance()
            node = Node(op.text, args=(node, self.unary()), column=op.column)
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text == "-":
            op = self.advance()
            return Node("neg", args=(self.unary(),), column=op.column)
        return self.primary()

    def primary(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            return Node("num", float(token.text), column=token.column)
        if token.kind == "name":
            self.advance()
            return Node("var", token.text, column=token.column)
        if token.kind == "op" and token.text == "(":
            self.advance()
            inner = self.expression()
            if self.token.kind == "op" and self.token.text == ")":
                self.advance()
                return inner
            if self.token.kind == "end":
                raise FormulaError("unclosed-parenthesis", token.column)
            raise self.fail(self.token)
        raise self.fail(token)


def parse(source: str) -> Node:
    """The AST of ``source``, or a FormulaError naming the first problem and its column."""
    if not source.strip():
        raise FormulaError("empty-expression", 1)
    parser = _Parser(source)
    node = parser.expression()
    if parser.token.kind != "end":
        raise parser.fail(parser.token)
    return node


def to_json(node: Node) -> list:
    """Compact JSON form: ``["num", 12]``, ``["var", "mrr"]``, ``["neg", a]``, ``["+", a, b]``."""
    if node.kind in ("num", "var"):
        value = node.value
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            value = int(value)
        return [node.kind, value]
    return [node.kind, *map(to_json, node.args)]


def from_json(data: list) -> Node:
    kind, *rest = data
    if kind in ("num", "var"):
        return Node(kind, float(rest[0]) if kind == "num" else rest[0])
    return Node(kind, args=tuple(map(from_json, rest)))


def names(node: Node) -> list[str]:
    """Input names used, in order of first use."""
    found: dict[str, None] = {}

    def walk(n: Node) -> None:
        if n.kind == "var":
            found.setdefault(str(n.value), None)
        for arg in n.args:
            walk(arg)

    walk(node)
    return list(found)
