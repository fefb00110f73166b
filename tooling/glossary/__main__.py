from glossary.cli import run

run()
