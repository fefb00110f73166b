"""Sales Glossary: validate the term files and publish them as a multilingual site.

The pipeline's stages live in modules named after them: ``discover`` and ``load``
read term files, ``schema`` and ``validate`` check them, ``model`` turns them into
concepts; ``cli`` and ``commands/`` (one module per command) are the thin command-line
edge.
"""

__version__ = "0.1.0"
