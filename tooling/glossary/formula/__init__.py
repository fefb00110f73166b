"""The formula language of metric concepts: a small grammar parsed here into a JSON
AST that Python (``evaluate``) and the browser (``site_src/assets/calculator.mjs``)
both evaluate; inverses for "solve for" come from sympy at build time (``solve``).

Grammar (EBNF)::

    expression = term , { ( "+" | "-" ) , term } ;
    term       = unary , { ( "*" | "/" ) , unary } ;
    unary      = "-" , unary | primary ;
    primary    = number | sum | name | "(" , expression , ")" ;
    sum        = "sum" , "(" , expression , ")" ;
    number     = digit , { digit } , [ "." , digit , { digit } ] ;
    name       = letter , { letter | ascii digit | "_" } ;   (* lowercase ASCII, not "sum" *)
    digit      = ascii digit | fullwidth digit ;   (* 0-9 and U+FF10-U+FF19 *)

Nothing else: no powers, comparisons or other functions. Outside ``sum( )`` every
formula is a rational function that sympy can invert and that evaluates identically in
CPython and V8; inside it, a list input's rows are combined row by row and added up.

Limits (``grammar``): an expression of at most 100,000 characters, parentheses, unary
minuses and sums nested at most 64 deep, a number of at most 30 characters."""

from glossary.formula.evaluate import evaluate
from glossary.formula.grammar import FormulaError, Node, parse, to_json

__all__ = ["FormulaError", "Node", "evaluate", "parse", "to_json"]
