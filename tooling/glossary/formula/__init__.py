"""The formula language of metric concepts: a small grammar parsed here into a JSON
AST that Python (``evaluate``) and the browser (``site_src/assets/calculator.mjs``)
both evaluate; inverses for "solve for" come from sympy at build time (``solve``).

Grammar (EBNF)::

    expression = term , { ( "+" | "-" ) , term } ;
    term       = unary , { ( "*" | "/" ) , unary } ;
    unary      = "-" , unary | primary ;
    primary    = number | name | "(" , expression , ")" ;
    number     = digit , { digit } , [ "." , digit , { digit } ] ;
    name       = letter , { letter | digit | "_" } ;   (* lowercase ASCII *)

Nothing else: no powers, functions or comparisons, so every formula is a rational
function that sympy can invert and that evaluates identically in CPython and V8."""

from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError, Node, parse, to_json

__all__ = ["FormulaError", "Node", "evaluate", "parse", "to_json"]
