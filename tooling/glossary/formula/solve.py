"""Inverses for "solve for": sympy solves ``expression = result`` for each input, fed
objects built from our AST (never strings, so nothing is ``eval``-ed), and the single
solution is turned back into an AST the browser can evaluate. A formula with no unique
inverse for an input is reported and offered forward-only for it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from glossary.formula.grammar import Node, names

RESULT = "result"  # the name the result takes inside an inverse


@dataclass(frozen=True)
class Inverse:
    name: str
    ast: list | None  # JSON AST of the input in terms of the others and ``result``
    problem: str | None  # why there is none: "no-solution", "several-solutions", "not-expressible"


def _to_sympy(node: Node, symbols: dict):
    import sympy

    kind = node.kind
    if kind == "num":
        return sympy.Rational(
            str(Fraction(repr(node.value)) if isinstance(node.value, float) else node.value)
        )
    if kind == "var":
        return symbols[node.value]
    if kind == "neg":
        return -_to_sympy(node.args[0], symbols)
    left, right = (_to_sympy(arg, symbols) for arg in node.args)
    return {
        "+": lambda: left + right,
        "-": lambda: left - right,
        "*": lambda: left * right,
        "/": lambda: left / right,
    }[kind]()


class NotExpressible(Exception):
    pass


def _from_sympy(expr) -> list:
    """A sympy expression made of + - * / and integer powers, back as a JSON AST."""
    import sympy

    if expr.is_Symbol:
        return ["var", expr.name]
    if expr.is_Integer:
        value = int(expr)
        return ["num", value] if value >= 0 else ["neg", ["num", -value]]
    if expr.is_Rational:
        ast = ["/", ["num", abs(expr.p)], ["num", expr.q]]
        return ast if expr.p >= 0 else ["neg", ast]
    if expr.is_Add:
        terms = list(expr.as_ordered_terms())
        ast = _from_sympy(terms[0])
        for term in terms[1:]:
            if term.could_extract_minus_sign():
                ast = ["-", ast, _from_sympy(-term)]
            else:
                ast = ["+", ast, _from_sympy(term)]
        return ast
    if expr.is_Mul:
        if expr.could_extract_minus_sign():
            return ["neg", _from_sympy(-expr)]
        numerator, denominator = sympy.fraction(expr)
        if denominator != 1:
            return ["/", _from_sympy(numerator), _from_sympy(denominator)]
        factors = list(expr.as_ordered_factors())
        ast = _from_sympy(factors[0])
        for factor in factors[1:]:
            ast = ["*", ast, _from_sympy(factor)]
        return ast
    if expr.is_Pow and expr.exp.is_Integer:
        exponent = int(expr.exp)
        base = _from_sympy(expr.base)
        if exponent < 0:
            return ["/", ["num", 1], _from_sympy(expr.base**-exponent)]
        ast = base
        for _ in range(exponent - 1):
            ast = ["*", ast, base]
        return ast
    raise NotExpressible(str(expr))


def solve_inverses(node: Node) -> list[Inverse]:
    """For each input of ``node``, its inverse or why there is none."""
    import sympy

    symbols = {name: sympy.Symbol(name) for name in names(node)}
    result = sympy.Symbol(RESULT)
    expr = _to_sympy(node, symbols)
    inverses = []
    for name, symbol in symbols.items():
        solutions = sympy.solve(sympy.Eq(expr, result), symbol, dict=False, simplify=False)
        if len(solutions) != 1:
            problem = "no-solution" if not solutions else "several-solutions"
            inverses.append(Inverse(name, None, problem))
            continue
        try:
            inverses.append(Inverse(name, _from_sympy(solutions[0]), None))
        except NotExpressible:
            inverses.append(Inverse(name, None, "not-expressible"))
    return inverses
