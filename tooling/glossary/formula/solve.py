"""Inverses for "solve for": sympy solves ``expression = result`` for each input, fed
objects built from our AST (never strings, so nothing is ``eval``-ed), and the single
solution is turned back into an AST the browser can evaluate. A formula with no unique
inverse for an input is reported and offered forward-only for it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from glossary.formula.grammar import Node, fold, names, to_json

RESULT = "result"  # the name the result takes inside an inverse


@dataclass(frozen=True)
class Inverse:
    name: str
    ast: list | None  # JSON AST of the input in terms of the others and ``result``
    problem: str | None  # why there is none: "no-solution", "several-solutions",
    # "not-expressible", "in-sum"


def _to_sympy(node: Node, symbols: dict, sums: dict):
    """The sympy expression of ``node``; each ``sum( )`` stands for an unknown of its own
    (``sums``: its symbol's name -> the JSON AST it stands for)."""
    import sympy

    def visit(n: Node, args: list):
        kind = n.kind
        if kind == "num":
            return sympy.Rational(
                str(Fraction(repr(n.value)) if isinstance(n.value, float) else n.value)
            )
        if kind == "var":
            return symbols[n.value]
        if kind == "sum":
            name = f"\u03a3{len(sums)}"  # no input can be called that
            sums[name] = to_json(n)
            return sympy.Symbol(name)
        if kind == "neg":
            return -args[0]
        left, right = args
        return {
            "+": lambda: left + right,
            "-": lambda: left - right,
            "*": lambda: left * right,
            "/": lambda: left / right,
        }[kind]()

    return fold(node, visit)


class NotExpressible(Exception):
    pass


def _from_sympy(expr, sums: dict) -> list:
    """A sympy expression made of + - * / and integer powers, back as a JSON AST."""
    import sympy

    if expr.is_Symbol:
        return sums.get(expr.name, ["var", expr.name])
    if expr.is_Integer:
        value = int(expr)
        return ["num", value] if value >= 0 else ["neg", ["num", -value]]
    if expr.is_Rational:
        ast = ["/", ["num", abs(expr.p)], ["num", expr.q]]
        return ast if expr.p >= 0 else ["neg", ast]
    if expr.is_Add:
        terms = list(expr.as_ordered_terms())
        ast = _from_sympy(terms[0], sums)
        for term in terms[1:]:
            if term.could_extract_minus_sign():
                ast = ["-", ast, _from_sympy(-term, sums)]
            else:
                ast = ["+", ast, _from_sympy(term, sums)]
        return ast
    if expr.is_Mul:
        if expr.could_extract_minus_sign():
            return ["neg", _from_sympy(-expr, sums)]
        numerator, denominator = sympy.fraction(expr)
        if denominator != 1:
            return ["/", _from_sympy(numerator, sums), _from_sympy(denominator, sums)]
        factors = list(expr.as_ordered_factors())
        ast = _from_sympy(factors[0], sums)
        for factor in factors[1:]:
            ast = ["*", ast, _from_sympy(factor, sums)]
        return ast
    if expr.is_Pow and expr.exp.is_Integer:
        exponent = int(expr.exp)
        base = _from_sympy(expr.base, sums)
        if exponent < 0:
            return ["/", ["num", 1], _from_sympy(expr.base**-exponent, sums)]
        ast = base
        for _ in range(exponent - 1):
            ast = ["*", ast, base]
        return ast
    raise NotExpressible(str(expr))


def _summed(node: Node) -> set[str]:
    """The names used inside a ``sum( )``: a list's rows, or a number every row shares."""
    found: set[str] = set()
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        current, inside = stack.pop()
        if current.kind == "var" and inside:
            found.add(str(current.value))
        stack.extend((arg, inside or current.kind == "sum") for arg in current.args)
    return found


def solve_inverses(node: Node) -> list[Inverse]:
    """For each input of ``node``, its inverse or why there is none. An input inside a
    ``sum( )`` (a list, or a number every row shares) has none ("in-sum"): only the
    inputs outside the sums are solved for, each sum standing for an unknown."""
    import sympy

    summed = _summed(node)
    symbols = {name: sympy.Symbol(name) for name in names(node)}
    result = sympy.Symbol(RESULT)
    sums: dict[str, list] = {}
    expr = _to_sympy(node, symbols, sums)
    inverses = []
    for name, symbol in symbols.items():
        if name in summed:
            inverses.append(Inverse(name, None, "in-sum"))
            continue
        solutions = sympy.solve(sympy.Eq(expr, result), symbol, dict=False, simplify=False)
        if len(solutions) != 1:
            problem = "no-solution" if not solutions else "several-solutions"
            inverses.append(Inverse(name, None, problem))
            continue
        try:
            inverses.append(Inverse(name, _from_sympy(solutions[0], sums), None))
        except NotExpressible:
            inverses.append(Inverse(name, None, "not-expressible"))
    return inverses
