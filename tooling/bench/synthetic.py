"""What the benchmarks share: synthetic corpora (N concepts in every configured language,
shaped like real term files: terms, definition, example, notes, relations, sources), the
folder they work in, and a probe that waits for the disk to settle."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from glossary.load import SCHEMA_LINE

WORDS = {
    "en": [
        "pipeline",
        "revenue",
        "account",
        "quota",
        "forecast",
        "churn",
        "renewal",
        "lead",
        "prospect",
        "deal",
    ],
    "ko": [
        "파이프라인",
        "매출",
        "고객사",
        "할당량",
        "예측",
        "이탈",
        "갱신",
        "리드",
        "잠재고객",
        "거래",
    ],
    "zh-Hans": ["管道", "收入", "客户", "配额", "预测", "流失", "续约", "线索", "潜在", "交易"],
    "zh-Hant": ["管道", "營收", "客戶", "配額", "預測", "流失", "續約", "線索", "潛在", "交易"],
}
SENTENCE = {
    "en": "A {a} {b} is the {c} a team tracks while it turns {d} into {e}.",
    "ko": "{a} {b}는 팀이 {d}을 {e}로 바꾸는 동안 추적하는 {c}입니다.",
    "zh-Hans": "{a}{b}是团队把{d}转化为{e}时跟踪的{c}。",
    "zh-Hant": "{a}{b}是團隊把{d}轉化為{e}時追蹤的{c}。",
}
CATEGORIES = [
    "metrics",
    "leads",
    "process",
    "methodology",
    "roles",
    "marketing",
    "crm",
    "deals",
    "customer-success",
    "business",
]


def workspace(prefix: str) -> Path:
    """A fresh folder for one benchmark run, under the repository's ``build/bench/`` (or
    ``$GLOSSARY_BENCH_DIR``): on the disk where ``glossary build`` normally writes. The
    system temporary folder can be far slower at creating files (8x on one test
    machine), which would measure the disk rather than the build."""
    base = Path(
        os.environ.get("GLOSSARY_BENCH_DIR")
        or Path(__file__).resolve().parents[2] / "build" / "bench"
    )
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def project(prefix: str, terms: Path | None) -> Path:
    """A project in a new workspace: the repository's mkdocs.yml and site_src, and the real
    terms (``terms`` None) or the corpus at ``terms`` (moved in; its workspace removed)."""
    repository = Path(__file__).resolve().parents[2]
    root = workspace(prefix)
    shutil.copy(repository / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repository / "site_src", root / "site_src")
    if terms is None:
        shutil.copytree(repository / "terms", root / "terms")
    else:
        shutil.move(str(terms), root / "terms")
        terms.parent.rmdir()  # the corpus's own workspace, now empty
    return root


def new_file_ms(folder: Path, count: int = 300) -> float:
    """Milliseconds to create one small file in ``folder``: the disk's state, which every
    build pays for (MkDocs makes a folder and a file per page, the generator a file)."""
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
    start = time.perf_counter()
    for index in range(count):
        (probe / f"{index}.md").write_bytes(b"x" * 4096)
    elapsed = (time.perf_counter() - start) / count * 1000
    shutil.rmtree(probe, ignore_errors=True)
    return elapsed


def settle(folder: Path, limit_ms: float = 0.15, patience: float = 180.0) -> float:
    """Flush the disk and wait (up to ``patience`` seconds) until creating a file costs at
    most ``limit_ms``: on a virtual disk, file creation can slow down tenfold for a while
    after heavy writing or deleting, which would measure the disk rather than the build.
    Returns the last probe, which the benchmark prints beside its figures."""
    deadline = time.monotonic() + patience
    while True:
        os.sync()
        probe = new_file_ms(folder)
        if probe <= limit_ms or time.monotonic() > deadline:
            return probe
        time.sleep(10)


def _sentence(lang: str, rng: random.Random) -> str:
    words = WORDS[lang]
    return SENTENCE[lang].format(**{k: rng.choice(words) for k in "abcde"})


def render_term(index: int, total: int, rng: random.Random) -> str:
    lines = [
        SCHEMA_LINE,
        f"id: concept-{index:05d}",
        f"category: {rng.choice(CATEGORIES)}",
        "tags: [saas, b2b]",
    ]
    for lang, words in WORDS.items():
        name = f"{rng.choice(words)} {rng.choice(words)} {index:05d}"
        lines += [
            f"{lang}:",
            "  terms:",
            f"    - term: {name}",
            "      status: preferred",
            f"    - term: C{index:05d}",
            "      type: abbreviation",
            "      status: admitted",
            f"    - term: {name} old",
            "      status: deprecated",
            "      reason: a literal machine translation",
            "  definition: >-",
        ]
        lines += [f"    {_sentence(lang, rng)}" for _ in range(3)]
        lines += [
            "  example: >-",
            f"    {_sentence(lang, rng)}",
            "  notes:",
            f"    - {_sentence(lang, rng)}",
        ]
    lines.append("relations:")
    for kind in ("see-also", "broader"):
        lines += [f"  - type: {kind}", f"    target: concept-{rng.randrange(total):05d}"]
    lines += ["sources:", "  - document: 000_c067659218adfcd0.txt", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, seed: int = 1) -> Path:
    """Write ``count`` synthetic term files into ``folder`` (created) and return it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text = render_term(index, count, rng).replace(
            f"target: concept-{index:05d}", f"target: concept-{(index + 1) % count:05d}"
        )
        (folder / f"concept-{index:05d}.yaml").write_text(text, encoding="utf-8")
    return folder
