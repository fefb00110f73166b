"""Every user-facing sentence of the tools, by diagnostic code.

A message says what is wrong; a fix says what to do. Templates use ``str.format``
fields filled from the diagnostic's parameters. ``N_`` marks them for translation; they
are translated when shown (``glossary.i18n``), not when a diagnostic is made, so cached
and parallel results can be shown in any language. A parameter that is itself a sentence
(a hint) travels as a ``lazy`` reference and is translated along with its message."""

from __future__ import annotations

import json

from glossary.i18n import gettext, ngettext
from glossary.particles import attach_particles

_LAZY = "\u2063"  # marks a parameter that is a translatable sentence, not data


def N_(text: str) -> str:
    return text


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """A counted noun's two English forms, marked for translation with its plurals."""
    return singular, plural


def lazy(text: str, **params: object) -> str:
    """A translatable sentence with its fields, as a plain string that can be cached."""
    return _LAZY + json.dumps([text, params], ensure_ascii=False, default=str)


def resolve(value: object) -> object:
    """A parameter as shown: lazy sentences translated and filled in."""
    if isinstance(value, str) and value.startswith(_LAZY):
        text, params, *plural = json.loads(value[1:])
        template = ngettext(text, plural[0], params["count"]) if plural else gettext(text)
        return template.format(**{k: resolve(v) for k, v in params.items()})
    return value


# Counted nouns, for messages that say how many of what ("2 fields in 1 concept").
COUNTED = {
    "concept": NP_("{count} concept", "{count} concepts"),
    "entry": NP_("{count} entry", "{count} entries"),
    "field": NP_("{count} field", "{count} fields"),
    "file": NP_("{count} file", "{count} files"),
}


def counted(noun: str, count: int) -> str:
    """``count`` with its noun in the right form for the reader's language, as a lazy
    parameter: "1 concept", "2 concepts", "개념 2개"."""
    singular, plural = COUNTED[noun]
    return _LAZY + json.dumps([singular, {"count": count}, plural], ensure_ascii=False)


def counted_in(fields: int, holders: int, holder: str = "concept") -> str:
    """Fields and the concepts (or entries) they are in: "4 fields in 2 concepts"; just
    "0 fields" when there are none."""
    if not fields:
        return counted("field", 0)
    return lazy(
        N_("{fields} in {holders}"),
        fields=counted("field", fields),
        holders=counted(holder, holders),
    )


MESSAGES: dict[str, tuple[str, str | None]] = {
    # Reading the file
    "file-too-large": (
        N_("the file is {size} bytes; a term file may be at most {limit} bytes."),
        N_("Keep one concept per file and remove pasted material."),
    ),
    "binary-file": (
        N_("the file contains a NUL byte, so it is not a text file."),
        N_("Check that this is the YAML file you meant to save."),
    ),
    "not-utf8": (
        N_("the file is not valid UTF-8 (byte 0x{byte} cannot be read)."),
        N_("Save the file with UTF-8 encoding."),
    ),
    "empty-file": (N_("the file is empty."), N_("Copy an existing term file as a starting point.")),
    "unreadable": (N_("the file cannot be read: {reason}."), None),
    "yaml-syntax": (N_("YAML syntax error: {problem}."), N_("{hint}")),
    "yaml-tab": (
        N_("a tab character is used for indentation."),
        N_("Indent with spaces only (two per level)."),
    ),
    "duplicate-key": (
        N_("the key '{key}' appears twice in the same mapping (first at line {first_line})."),
        N_("Keep one of them: the second would silently replace the first."),
    ),
    "yaml-alias": (
        N_(
            "anchors and aliases ('&name', '*name') are not allowed in term files (first use "
            "shown)."
        ),
        N_("Write the value out in full."),
    ),
    "yaml-tag": (
        N_("the tag '{tag}' is not allowed in term files."),
        N_("Remove it and write a plain value."),
    ),
    "complex-key": (
        N_("a key must be plain text."),
        N_("Write the key as a single word such as 'term'."),
    ),
    "multiple-documents": (
        N_("the file holds more than one YAML document ('---')."),
        N_("Keep one concept per file."),
    ),
    "too-deep": (
        N_("values are nested more than {limit} levels deep."),
        N_("Term files need only a few levels; check the indentation."),
    ),
    "not-a-mapping": (
        N_("the file must be a mapping of fields (id, category, languages…), not {kind}."),
        N_("Start the file with 'id: <file name>' on its own line."),
    ),
    "missing-schema-line": (
        N_("the first line does not point editors to the schema."),
        N_("Make the first line: {line}"),
    ),
    # Schema
    "missing-field": (N_("the required field '{name}' is missing."), N_("{hint}")),
    "unknown-field": (N_("'{name}' is not a field here."), N_("{hint}")),
    "wrong-type": (N_("should be {expected}, not {actual}."), None),
    "invalid-value": (N_("'{value}' is not allowed here."), N_("{hint}")),
    "invalid-format": (N_("'{value}' is not {what}."), N_("{hint}")),
    "empty-text": (N_("the text is empty."), N_("Write the text or remove the field.")),
    "empty-list": (N_("the list needs at least {minimum} item(s)."), None),
    "too-long": (N_("the text is longer than {maximum} characters."), None),
    "out-of-range": (N_("{value} is out of range: {bound}."), None),
    "duplicate-item": (N_("'{value}' is listed more than once."), N_("Remove the repeated item.")),
    "no-preferred": (
        N_("no designation has status 'preferred'."),
        N_("Mark exactly one term with 'status: preferred'."),
    ),
    "several-preferred": (
        N_("more than one designation has status 'preferred'."),
        N_("Keep one preferred term; make the others 'admitted'."),
    ),
    "source-incomplete": (
        N_("a source needs a seed 'document' or a 'title'."),
        N_("Add 'document: <seed file name>' or 'title: …'."),
    ),
    "schema-error": (N_("{detail}."), None),
    # Across files
    "id-mismatch": (
        N_("the id '{id}' differs from the file name '{stem}.yaml'."),
        N_("Rename the file to '{id}.yaml' or set 'id: {stem}'."),
    ),
    "duplicate-id": (
        N_("the id '{id}' is also used by {other}."),
        N_("Give each concept its own id."),
    ),
    "url-gone": (
        N_(
            "{url} was published by the build this manifest comes from, but this build has "
            "no page there."
        ),
        N_(
            "If the concept was renamed or merged, list its old id under replaces in the concept "
            "that took it over; otherwise keep the page."
        ),
    ),
    "bad-manifest": (
        N_("this is not a URL manifest written by glossary build."),
        N_("Give --compare-urls the url-manifest.json of a previous build's site."),
    ),
    "engine-missing": (
        N_("the site engine '{engine}' is not installed."),
        N_("Install it with: pip install {engine}"),
    ),
    "replaced-id-in-use": (
        N_("'{id}' is listed as an old id, but it is the id of another concept ({other_path})."),
        N_("Remove it from replaces: an address can lead to only one concept."),
    ),
    "replaced-id-claimed-twice": (
        N_("the old id '{id}' is also claimed by '{other}' ({other_path})."),
        N_("Keep it in the concept that took over its meaning, and remove it from the other."),
    ),
    "duplicate-term": (
        N_(
            "the preferred {lang} term '{term}' is also preferred for '{other}' "
            "({other_path}:{other_line})."
        ),
        N_("Make one of the terms more specific, or merge the two concepts."),
    ),
    "unknown-ref": (N_("'{target}' is not a concept."), N_("{hint}")),
    "self-ref": (
        N_("the concept relates to itself."),
        N_("Point the relation at another concept."),
    ),
    "duplicate-relation": (
        N_("the relation '{kind}' to '{target}' is listed more than once."),
        N_("Remove the repeated relation."),
    ),
    "relation-conflict": (
        N_(
            "this file makes '{target}' '{kind}', but {other_path}:{other_line} makes it "
            "'{other_kind}'."
        ),
        N_("Keep the relation on one side only, or make the two agree."),
    ),
    "not-nfc": (
        N_("the text is not in Unicode NFC form (for example decomposed Hangul)."),
        N_("Replace it with the composed form: {nfc}"),
    ),
    "wrong-script": (
        N_("{script_found} characters in {lang} text: {chars}."),
        N_("Use {script_wanted} forms: {fixed}."),
    ),
    "missing-language": (
        N_("the concept has no {lang} entry."),
        N_("Add the section '{lang}:' with terms, a definition and an example."),
    ),
    "missing-definition": (
        N_("the {lang} entry has no definition."),
        N_("Add 'definition:' with 2–4 sentences."),
    ),
    "missing-example": (
        N_("the {lang} entry has no example."),
        N_("Add 'example:' with a sentence a sales rep would say."),
    ),
    "no-relations": (
        N_("the concept has no relations to other concepts."),
        N_("Add at least one entry under 'relations:'."),
    ),
    "no-sources": (
        N_("the concept cites no sources."),
        N_("Add the seed document or publication it is based on under 'sources:'."),
    ),
    "no-formula": (
        N_("the concept is in '{category}', whose concepts are calculated, but has no formula."),
        N_(
            "Add 'formula:' with the expression, its inputs and a worked example ('glossary new' "
            "writes one, commented out, to fill in); a concept of the category with no standard "
            "formula is listed under 'without_formula' in config.toml."
        ),
    ),
    "placeholder": (N_("the text is still the placeholder '{text}'."), N_("{hint}")),
    "missing-source-note": (
        N_("the source has no {lang} note, so the {lang} page cites it without one."),
        N_(
            "Write 'note:' as one line per language ('{source}: …', '{lang}: …') "
            "with the {lang} note."
        ),
    ),
    "stale-translation": (
        N_("the {source} {name} changed since this translation was made from it."),
        N_(
            "Review the translation against the current {source} text, then run "
            "'glossary review {id} --lang {lang} --field {name}'."
        ),
    ),
    "deprecated-in-text": (
        N_("'{term}' is a deprecated {lang} term for '{concept}'."),
        N_("{hint}"),
    ),
    # Formulas
    "formula-syntax": (
        N_("the formula does not parse: {problem} at column {column} of the expression."),
        N_("Use input names, numbers, + - * / and parentheses."),
    ),
    "formula-unknown-name": (
        N_("the formula uses '{name}', which is not one of the inputs."),
        N_("Add an input named '{name}' or fix the spelling."),
    ),
    "formula-unused-input": (
        N_("the input '{name}' is not used in the formula."),
        N_("Remove the input or use it in the expression."),
    ),
    "formula-bounds": (
        N_(
            "the bounds of '{name}' are inconsistent: the lower bound {low} is not below the "
            "upper bound {high}."
        ),
        None,
    ),
    "formula-default-out-of-range": (
        N_("the default {value} of '{name}' is outside its bounds."),
        None,
    ),
    "formula-forward-only": (
        N_(
            "the formula cannot be solved uniquely for '{name}'; the calculator offers it forward "
            "only."
        ),
        None,
    ),
    "example-missing-input": (
        N_("the example gives no value for '{name}'."),
        N_("Add '{name}: <number>' to its inputs."),
    ),
    "example-unknown-input": (
        N_("'{name}' is not an input of the formula."),
        N_("Remove it or rename it to an input."),
    ),
    "example-out-of-range": (
        N_("the example value {value} of '{name}' is outside its bounds."),
        None,
    ),
    "example-division-by-zero": (
        N_("the example divides by zero."),
        N_("Change the inputs so that no divisor is 0."),
    ),
    "example-not-finite": (N_("the example's result is not a finite number."), None),
    "example-mismatch": (
        N_("the stated result {stated} differs from the computed {computed}."),
        N_("Correct the result or the inputs."),
    ),
    # Percentages written as 15 for 15 % (issue 19)
    "formula-percent-times-100": (
        N_(
            "the result is a percentage, but the expression multiplies by 100, so 15% would "
            "show as 1,500%."
        ),
        N_(
            "Remove '* 100': percentages are fractions here (0.15 shows as 15%); write the "
            "examples' results as fractions too."
        ),
    ),
    "example-percent-scale": (
        N_("the stated result {value} is {shown}, as percentages are fractions."),
        N_("If you meant {meant}, write {fraction}."),
    ),
    "example-mismatch-percent": (
        N_("the stated result {stated} is 100 times the computed {computed}."),
        N_("Percentages are written as fractions: for {computed}, write {fraction}."),
    ),
    "example-mismatch-times-100": (
        N_("the computed result {computed} is 100 times the stated {stated}."),
        N_(
            "Remove '* 100' from the expression: percentages are fractions here (0.15 shows "
            "as 15%)."
        ),
    ),
    "example-language-mismatch": (
        N_("with the {lang} values the result is {computed}, not the stated {stated}."),
        N_("Give the result one value per language ({lang}: …) or correct the {lang} values."),
    ),
    "example-amount-not-localized": (
        N_(
            "'{name}' is an amount of money but has no value for {languages}: each language "
            "shows amounts in its own currency."
        ),
        N_(
            "Give one value per language, plausible in that market and agreeing with the "
            "language's example sentence: {sample}."
        ),
    ),
    "example-amount-copied": (
        N_(
            "'{name}' has the same number in {languages} as in {source}, so the page would show "
            "that number under another currency sign."
        ),
        N_(
            "Give the amount a customer in that market would see, agreeing with the language's "
            "example sentence."
        ),
    ),
    "alternative-unlabelled-name": (
        N_("the alternative uses '{name}', which is not an input of the formula and has no label."),
        N_("Label it in every language under the alternative's 'labels', or use an input's name."),
    ),
    "alternative-unused-label": (
        N_("the alternative labels '{name}', which its expression does not use."),
        N_("Remove the label or correct the name."),
    ),
    "alternative-label-for-input": (
        N_("'{name}' is an input of the formula; the alternative shows it with the input's label."),
        N_("Remove this label, or rename the alternative's value if it means something else."),
    ),
    "inverse-mismatch": (
        N_("solving the formula for '{name}' gives {computed}, not the example's {value}."),
        N_("Check the example's result and inputs."),
    ),
    "internal-error": (
        N_("unexpected failure while checking this file ({error})."),
        N_("Please report this together with the file."),
    ),
    # Learning paths (terms/paths/<id>.yaml; glossary.learning)
    "path-missing-language": (
        N_("the path has no {lang} title and purpose."),
        N_("Add the section '{lang}:' with 'title:' and 'purpose:'."),
    ),
    "step-missing-language": (
        N_("step {step} has no {lang} line on why it comes here."),
        N_("Add '{lang}:' with one line on why the concept comes at this point."),
    ),
    "path-no-steps": (
        N_("the path has no steps."),
        N_("List its concepts in reading order, each as '- concept: <concept id>'."),
    ),
    "duplicate-step": (
        N_("'{concept}' is already step {step} of this path."),
        N_("Keep each concept once, at the point where the reader needs it."),
    ),
    "duplicate-path-id": (
        N_("the path id '{value}' is also used by {other}."),
        N_("Give each path its own id, the same as its file name."),
    ),
    "duplicate-order": (
        N_("the order {value} is also used by {other}."),
        N_("Give each path its own number: it sets where the path stands on the home page."),
    ),
    # Run summary and usage
    "summary": (N_("{files} file(s) checked: {errors} error(s), {warnings} warning(s)."), None),
    "no-files": (N_("no term files (*.yaml) found in {paths}."), None),
    "path-not-found": (N_("{path}: no such file or folder."), None),
    "calc-unknown-metric": (
        N_("'{concept}' is not a metric in terms/ (a concept with a formula)."),
        None,
    ),
    "calc-bad-value": (N_("'{value}' is not NAME=VALUE with one of: {names}."), None),
    "calc-cannot-solve": (
        N_("the formula cannot be solved for '{name}'; choose one of: {names}."),
        None,
    ),
    # glossary calc: finding the metric and listing its inputs (issue 19)
    "calc-not-metric": (
        N_("'{concept}' is the concept '{id}', which has no formula to calculate."),
        None,
    ),
    "calc-did-you-mean": (
        N_("'{concept}' is not the id or a name of a metric in terms/. Did you mean one of these?"),
        None,
    ),
    "calc-ambiguous": (
        N_("'{concept}' names several metrics; give the id of the one you mean:"),
        None,
    ),
    "calc-inputs": (N_("Inputs, each given as NAME=VALUE:"), None),
    "calc-result-input": (
        N_("Give the result as result=VALUE ({unit}) when you solve for an input."),
        None,
    ),
    "calc-example": (N_("Example:"), None),
    "calc-solve-example": (N_("Solving for an input, with --solve NAME:"), None),
    "calc-give-input": (N_("Give it as {name}=VALUE."), None),
    "calc-input-unit": (N_("{label} ({unit})"), None),
    "calc-unit-currency": (N_("amount of money in {currency}"), None),
    "calc-unit-percent": (N_("percentage; 8 and 8% both mean 8 percent"), None),
    "calc-unit-count": (N_("count"), None),
    "calc-unit-days": (N_("number of days"), None),
    "calc-unit-months": (N_("number of months"), None),
    "calc-unit-years": (N_("number of years"), None),
    "calc-unit-ratio": (N_("ratio: 2 for 2×"), None),
    "calc-unit-score": (N_("score"), None),
    "calc-unit-number": (N_("number"), None),
    "build-failed": (N_("the site was not built; {site} is unchanged."), None),
    "build-done": (N_("built {pages} pages into {site} in {seconds} s."), None),
    "serve-kept": (
        N_("the preview keeps showing the last good build until these are fixed."),
        None,
    ),
    "serve-rebuilt": (N_("rebuilt in {seconds} s"), None),
    "serve-building": (N_("Building the site for the preview…"), None),
    "serve-progress-check": (N_("  checking the term files…"), None),
    "serve-progress-render": (N_("  writing the pages…"), None),
    "serve-progress-mkdocs": (N_("  building the pages of every language…"), None),
    "serve-progress-finish": (N_("  finishing the site…"), None),
    "serve-built": (N_("Site built in {seconds} s."), None),
    "serve-failed": (
        N_("the preview has nothing to show until these are fixed; it rebuilds on every save."),
        None,
    ),
    "serve-serving": (N_("Preview: {url} (Ctrl+C stops it)"), None),
    "serve-serving-previous": (
        N_("Preview: {url} (Ctrl+C stops it). It shows the last build until the new one is ready."),
        None,
    ),
    # Export and import (glossary.exchange)
    "export-failed": (
        N_("nothing was exported because the term files have the errors above."),
        None,
    ),
    "export-written": (N_("wrote {concepts} concept(s) to {path}."), None),
    "import-unknown-format": (
        N_("cannot tell the format of {file} from its name; add --format csv, tbx or json."),
        None,
    ),
    "import-bad-file": (N_("the file cannot be read as {format}: {problem}."), None),
    "import-legacy-encoding": (
        N_(
            "the file is not UTF-8 but {encoding}, the code page in which Excel saves plain "
            '"CSV" in {region}; it cannot hold every language of the glossary.'
        ),
        N_(
            'Open it in Excel, choose File › Save As › "CSV UTF-8 (Comma delimited)", and '
            "import that file."
        ),
    ),
    "import-not-utf8": (
        N_(
            "the file is not UTF-8 (byte 0x{byte} cannot be read); it may be in a legacy code "
            "page such as CP949 (Korea), GB18030 (mainland China) or Big5 (Taiwan)."
        ),
        N_(
            'Open it in Excel, choose File › Save As › "CSV UTF-8 (Comma delimited)", and '
            "import that file."
        ),
    ),
    "import-no-header": (
        N_(
            "the first line is not the glossary's header: it does not name the columns 'id' and "
            "'language', separated by commas, semicolons or tabs."
        ),
        N_(
            "Keep the first row of 'glossary export --format csv' (id, language, preferred, …) "
            "as the file's first line."
        ),
    ),
    "import-not-tbx": (
        N_(
            "the file is not TBX: its root element is <{root}>, not <tbx> (TBX v3) or <martif> "
            "(TBX 2008)."
        ),
        N_("Export TBX-Basic (ISO 30042:2019 or 2008) from your tool."),
    ),
    "import-no-id": (
        N_("the {what} has no 'id'."),
        N_("Give every concept its id, like 'annual-contract-value'."),
    ),
    "import-unknown-language": (
        N_("'{lang}' is not one of the glossary's languages."),
        N_("Use one of: {languages}."),
    ),
    "import-unknown-column": (
        N_("'{name}' is not a column of the glossary's CSV."),
        N_("Use the columns that 'glossary export --format csv' writes: {columns}."),
    ),
    "import-bad-value": (N_("'{value}' is not a valid {what}."), N_("{hint}")),
    "import-bad-line": (
        N_("the line '{line}' is not in the form '{expected}'."),
        N_("See 'glossary import --help' for how cells hold several values."),
    ),
    "import-bad-formula": (
        N_("the formula is not valid JSON: {problem}."),
        N_("Copy the formula cell from a fresh export and edit it there."),
    ),
    "import-duplicate": (
        N_("'{what}' appears more than once in the file (first at line {first_line})."),
        N_("Keep one of them."),
    ),
    "import-rows-disagree": (
        N_("the rows of '{id}' give different values for '{name}' (first at line {first_line})."),
        N_("Fill the concept-wide columns in on one row only."),
    ),
    "import-unknown-note": (
        N_("the note '{text}' is not one that 'glossary export' writes; it is not imported."),
        None,
    ),
    "import-exists": (
        N_("the file already exists, so the new concept '{id}' is not written there."),
        N_("Fix the existing file so that it loads as '{id}', or give the new concept another id."),
    ),
    "import-cannot-update": (
        N_("the file cannot be updated: {problem}."),
        N_("Fix it first ('glossary check' shows where)."),
    ),
    "import-new": (N_("{path}: new concept '{id}'."), None),
    "import-added": (N_("{where}: added: {field}: {new}"), None),
    "import-conflict": (N_("{where}: conflict: {field}: {old} → {new}"), None),
    "import-added-term": (N_("{where}: {lang}: added {designation}"), None),
    "import-changed-term": (N_("{where}: conflict: {lang}: {term}: {changes}"), None),
    "import-replaced-preferred": (N_("{where}: conflict: {lang}: preferred {old} → {new}"), None),
    "import-summary": (
        N_(
            "{new} new concept(s), {added} added field(s), {conflicts} conflicting field(s) in "
            "{file}."
        ),
        None,
    ),
    "import-dry-run": (
        N_(
            "Nothing written. Run again with --write to apply these changes; conflicting fields "
            "will then take the imported value."
        ),
        None,
    ),
    "import-written": (
        N_("Wrote {files} file(s); {conflicts} conflicting field(s) took the imported value."),
        None,
    ),
    "import-no-changes": (N_("No changes: terms/ already matches {file}."), None),
    "import-not-written": (N_("Nothing written because of the error(s) above."), None),
    # Editors' commands (glossary new, review, status)
    "new-exists": (
        N_(
            "{path} already exists; 'glossary new' never overwrites a file. Edit it, or choose "
            "another id."
        ),
        None,
    ),
    "new-created": (N_("created {path}. Still to write:"), None),
    "new-todo-field": (N_("  line {line}, {field}: {text}"), None),
    "new-todo": (N_("  {text}"), None),
    "new-next": (N_("Then run 'glossary check {path}' until it reports no errors."), None),
    "review-unreadable": (
        N_(
            "{path} cannot be edited safely until its errors are fixed: run 'glossary check "
            "{path}'."
        ),
        None,
    ),
    "review-no-entry": (N_("{path} has no {lang} section to review."), None),
    "review-no-field": (
        N_(
            "{path}: {lang} has no {field} translated from {source}, so there is nothing to review."
        ),
        None,
    ),
    "review-not-block": (
        N_(
            "{path}: the {lang} section is not written as indented 'key: value' lines, so the "
            "review cannot be recorded in it."
        ),
        None,
    ),
    "review-unsafe": (
        N_(
            "{path} was left unchanged: recording the review would have changed more than "
            "'translated_from'. Please report this together with the file."
        ),
        None,
    ),
    "review-done": (
        N_("{path}: {lang} {fields} recorded as reviewed against the current {source} text."),
        None,
    ),
    "review-unchanged": (
        N_("{path}: {lang} was already recorded against the current {source} text."),
        None,
    ),
    "review-nothing": (
        N_(
            "{path}: the {lang} entry has no translated definition, example, notes or source "
            "notes to record."
        ),
        None,
    ),
    "status-heading": (N_("Translation status of {concepts} in {paths}"), None),
    "status-source": (
        N_(
            "{name} ({lang}), the source language: {complete} of {concepts} complete, "
            "{incomplete} incomplete, {missing} missing."
        ),
        None,
    ),
    "status-language": (
        N_(
            "{name} ({lang}): {complete} of {concepts} complete, {incomplete} incomplete, "
            "{missing} missing; {stale} stale, {unreviewed} never reviewed."
        ),
        None,
    ),
    "status-incomplete": (N_("  Incomplete, still to write:"), None),
    "status-missing": (N_("  Missing, no {lang} section yet:"), None),
    "status-stale": (
        N_(
            "  Stale, the {source} text changed since the translation (review it, then run "
            "'glossary review'):"
        ),
        None,
    ),
    "status-unreviewed": (
        N_("  Never reviewed (run 'glossary review' once a translator has checked it):"),
        None,
    ),
    "status-item": (N_("    {concept}: {fields}"), None),
    "status-missing-item": (N_("    {concept}"), None),
    "status-total": (
        N_(
            "Total, one entry per concept and language: {complete} of {entries} complete, "
            "{incomplete} incomplete, {missing} missing; {stale} stale, {unreviewed} never "
            "reviewed."
        ),
        None,
    ),
    "status-unreadable": (
        N_("{files} left out of these counts: unreadable ('glossary check' shows why)."),
        None,
    ),
    # Flashcard decks (glossary export --format anki, apkg, quizlet)
    "export-deck-option": (
        N_("{option} is for --format anki, apkg or quizlet; {format} always holds every concept."),
        None,
    ),
    "export-binary-to-terminal": (
        N_("an Anki package is a binary file; write it to a file with --output FILE.apkg."),
        None,
    ),
    "export-unknown-language": (
        N_("'{lang}' is not one of the glossary's languages."),
        N_("Use one of: {languages}."),
    ),
    "export-unknown-path": (
        N_("'{path}' is not a learning path (a file in terms/paths/)."),
        N_("{hint}"),
    ),
    "export-unknown-category": (
        N_("'{category}' is not a category of the glossary."),
        N_("{hint}"),
    ),
    "export-empty-deck": (
        N_(
            "nothing was exported: no concept in '{scope}' has both a term and a definition "
            "in {lang}."
        ),
        None,
    ),
    "export-deck-written": (
        N_("wrote {cards} card(s) from {concepts} concept(s) to {path}."),
        None,
    ),
}

HINTS = {
    "did-you-mean": N_("Did you mean '{suggestion}'?"),
    "choose-from": N_("Use one of: {choices}."),
    "new-tag": N_(
        "Use one of the tags listed under [tags] in config.toml, or add it there with its name "
        "in every language."
    ),
    "add-field": N_("Add '{name}:' here."),
    "add-reason": N_("Say in one line why this wording is to be avoided."),
    "add-terms": N_(
        "Add 'terms:' with the preferred term, e.g. '- {{term: …, status: preferred}}'."
    ),
    "id-format": N_(
        "Use lowercase ASCII letters, digits and single hyphens, like 'annual-contract-value'."
    ),
    "name-format": N_(
        "Use lowercase letters, digits and underscores, starting with a letter, like "
        "'contract_years'."
    ),
    "date-format": N_("Write dates as YYYY, YYYY-MM or YYYY-MM-DD."),
    "url-format": N_("Write the full address, starting with https://."),
    "remove-field": N_("Remove it, or check its indentation."),
    "quote-value": N_(
        "Put the text in quotes if it contains ': ' or starts with a special character."
    ),
    "check-indent": N_("Check the indentation of this line and the one before it."),
    "fill-term": N_("Write the {lang} term."),
    "fill-definition": N_("Write what the concept is, in 2–4 sentences."),
    "fill-example": N_("Write one sentence a sales rep would say, using the preferred term."),
    "fill-text": N_("Replace it with the real text."),
    "write-preferred": N_(
        "Write '{preferred}' instead. Quote the word if the text is about the word itself, "
        "or mark it 'link: never' in {path} if it is an everyday word here."
    ),
    "write-preferred-term": N_(
        "Write the concept's preferred {lang} term instead. Quote the word if the text is about "
        "the word itself, or mark it 'link: never' in {path} if it is an everyday word here."
    ),
}


def _fill(template: str, params: dict) -> str:
    """The message in the current language, its fields filled in (Korean particles then
    agree with the values: '고객 이탈률'은, 'retention-rate'은(는))."""
    return attach_particles(gettext(template).format(**{k: resolve(v) for k, v in params.items()}))


def render_message(code: str, params: dict) -> str:
    return _fill(MESSAGES[code][0], params)


FULL_WIDTH_STOPS = ("。", "！", "？", "：")  # Chinese sentences need no space after them


def render_sentence(code: str, params: dict) -> str:
    """A message with its fix, as one line (for problems that are not about a file)."""
    message, fix = render_message(code, params), render_fix(code, params)
    if not fix:
        return message
    return f"{message}{'' if message.endswith(FULL_WIDTH_STOPS) else ' '}{fix}"


def render_fix(code: str, params: dict) -> str | None:
    fix = MESSAGES[code][1]
    if fix is None:
        return None
    return _fill(fix, params) or None


def hint(hint_name: str, **params: object) -> str:
    return lazy(HINTS[hint_name], **params)
