"""Load and validate the words in ``content/``: the article, tips, evidence, glossary, page copy.

Publishers edit these files without touching code, so every file is checked when it is
loaded and a problem raises one :class:`ContentError` naming the file and the field.

Files:
- ``article.md``: Markdown with YAML front matter; sections start with ``## Heading {#id}``.
- ``tips.yaml``: the checklist; each tip says whose advice it is (``from: article`` or
  ``from: page``, our own), and links to an article section and to its claim in ``evidence.yaml``.
- ``evidence.yaml``: a grade, a short and a full summary, and sources for each claim of the
  article. The page numbers the sources in the order it first cites them, each source once.
- ``glossary.yaml``: short definitions of the few technical words (each term once).
- ``page.yaml``: the page's own short texts (the short answer at the top, disclaimer, privacy
  line, who it is not for, the weigh-ins section's introduction, privacy note and method).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import yaml

CONTENT_DIR: Final = Path(__file__).resolve().parent.parent / "content"
GRADES: Final = ("strong", "moderate", "limited", "none")
SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADING: Final = re.compile(r"^## +(?P<title>.+?) *\{#(?P<id>[^}]*)\} *$")
PAGE_FIELDS: Final = (
    "disclaimer",
    "planner_disclaimer",
    "privacy",
    "not_for",
    "planner_intro",
    "about_you_invitation",
    "model_note",
    "checklist_intro",
    "evidence_intro",
    "weighins_intro",
    "weighins_privacy",
    "weighins_method",
)
SHORT_ANSWER_LINES: Final = 3
"""The short answer at the top of the page (``short_answer`` in ``page.yaml``) has at most this many lines."""
SHORT_WORDS: Final = 40
"""A claim's short summary (``short`` in ``evidence.yaml``), shown under its section, has at most this many words."""
GRADE_TOKEN: Final = re.compile(r"\{grade:([^}]*)\}")
"""Where a line of the short answer shows the grade of a claim in ``evidence.yaml``: ``{grade:slow-loss}``."""
REFERENCE_ID: Final = "ref_"
"""A reference's id on the page is this and its number ("ref_3"). A heading's id never has an
underscore (see :func:`heading_anchor`), so the two cannot clash."""


STABLE_LINK: Final = re.compile(r"https://doi\.org/10\.\d{4,9}/[^\s\"<>?#]+|https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/?")
"""A source's link: a DOI (``https://doi.org/10.…``) or a PubMed record (``https://pubmed.ncbi.nlm.nih.gov/<PMID>/``).
Both stay put when a publisher moves its pages; a search link or a journal's own page may not."""
STABLE_LINK_HINT: Final = (
    "a DOI link (https://doi.org/10.…) or a PubMed link (https://pubmed.ncbi.nlm.nih.gov/12345678/)"
)


class ContentError(Exception):
    """A content file is missing, malformed or inconsistent."""

    def __init__(self, path: Path | str, field: str, reason: str) -> None:
        self.path = Path(path)
        self.field = field
        self.reason = reason
        super().__init__(f"{self.path.name}, field '{field}': {reason}")


PAGE_HEADINGS: Final = (
    "Pace planner",
    "Check your real pace",
    "Your skin-care checklist",
    "What the evidence says",
)
"""Headings the page draws itself; a section heading must not give the same link."""
TITLE_CHARACTERS: Final = re.compile(r"[A-Za-z0-9 !\"%&'(),\-./:;=?@+\u2018\u2019\u201c\u201d\u2013\u2014]+")
"""What a section heading may contain: letters A-Z, digits, common punctuation, curly quotes and
dashes; not Markdown's own signs (``* _ [ ] ` # < > | ~ ^ $ \\``), which would change the text."""
TITLE_MARKUP: Final = re.compile(r"&#?\w+;|:[\w-]+[:\[]")
"""An HTML entity (``&amp;``), an emoji code (``:sun:``) or a Streamlit directive (``:red[``)."""


def heading_anchor(text: str) -> str:
    """The id Streamlit gives a Markdown heading with this text, e.g. "why-runners-dr-imbers-view".

    Headings are drawn as Markdown (a heading element costs the page far more on every slider
    move), and Streamlit names a Markdown heading's anchor after its text with the
    ``@sindresorhus/slugify`` rules. This mirrors those rules for the characters
    :data:`TITLE_CHARACTERS` allows; the loader rejects other characters, and a browser test
    checks the ids on the page.
    """
    value = text.replace("&", " and ")
    value = re.sub(r"[\u2013\u2014]", "-", value)
    value = re.sub(r"([A-Z]{2})(\d+)", r"\1 \2", value)
    value = re.sub(r"([a-z\d])([A-Z])", r"\1 \2", value)
    value = re.sub(r"([A-Z])([A-Z](?!s(?![a-z]))[a-z\d]+)", r"\1 \2", value)
    value = value.lower()
    value = re.sub(r"([a-z\d])['\u2019]([ts])(?![a-z\d])", r"\1\2", value)
    value = re.sub(r"[^a-z\d]+", "-", value)
    return value.strip("-")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str

    @property
    def anchor(self) -> str:
        """The id the page gives this section's heading (see :func:`heading_anchor`)."""
        return heading_anchor(self.title)


@dataclass(frozen=True)
class Article:
    title: str
    standfirst: str
    source: str
    """The byline: where the retelling comes from."""
    voices: str
    """How the page marks whose words are whose ("Dr. Imber says", "the article", "Our own tip")."""
    last_reviewed: dt.date
    planner_after: str
    checklist_after: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    @property
    def text(self) -> str:
        """All the article's prose, for reading-level checks."""
        return "\n\n".join([self.standfirst, *(s.body for s in self.sections)])


TIP_ORIGINS: Final = ("article", "page")
"""Whose advice a tip is: the magazine article's, or the page's own (``from:`` in ``tips.yaml``)."""
OWN_TIP: Final = "Our own tip"
"""The words that mark a tip of the page's own on the page, so that a reader never takes it for
the article's (or Dr. Imber's) advice."""


@dataclass(frozen=True)
class Tip:
    id: str
    text: str
    why: str
    section: str
    origin: str = "article"
    """``"article"`` or ``"page"`` (see :data:`TIP_ORIGINS`)."""
    evidence: str = ""
    """The id of the claim in ``evidence.yaml`` that grades this tip and gives its sources."""

    @property
    def own(self) -> bool:
        """Whether this is the page's own tip, not the article's."""
        return self.origin == "page"

    @property
    def label(self) -> str:
        """The tip as a reader sees it: the page's own tips start with :data:`OWN_TIP`. Plain text, no
        Markdown: Streamlit puts a checkbox's label, as written, into its ``aria-label`` too."""
        return f"{OWN_TIP}: {self.text}" if self.own else self.text


@dataclass(frozen=True)
class Source:
    authors: str
    year: int
    title: str
    journal: str
    url: str
    """A DOI or PubMed link (see :data:`STABLE_LINK`)."""

    def citation(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}. *{self.journal}*."


@dataclass(frozen=True)
class Claim:
    id: str
    section: str
    claim: str
    grade: str
    short: str
    """What the studies say in a sentence or two, shown under the claim's section."""
    summary: str
    """What the studies say in full, with each study's size."""
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Evidence:
    grades: Mapping[str, str]
    claims: tuple[Claim, ...]

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)

    def for_section(self, section_id: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.section == section_id)

    def references(self) -> tuple[Source, ...]:
        """Every source once (one link, one source), in order of first mention. The claims are in
        the page's order (see :func:`load_content`), so this is the page's reference list."""
        return tuple(self._sources[url] for url in self._numbers)

    @cached_property
    def _numbers(self) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for claim in self.claims:
            for source in claim.sources:
                numbers.setdefault(source.url, len(numbers) + 1)
        return numbers

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {source.url: source for claim in self.claims for source in claim.sources}

    def number(self, source: Source) -> int:
        """The source's number in the reference list: [1] is the first source the page cites."""
        return self._numbers[source.url]

    def reference_id(self, source: Source) -> str:
        """The id of the source's entry in the reference list, the target of its citations."""
        return f"{REFERENCE_ID}{self.number(source)}"

    def cited_in(self, source: Source) -> tuple[str, ...]:
        """The ids of the sections whose claims cite the source, each once, in the page's order."""
        return tuple(dict.fromkeys(c.section for c in self.claims if any(s.url == source.url for s in c.sources)))


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass(frozen=True)
class Content:
    article: Article
    tips: tuple[Tip, ...]
    evidence: Evidence
    glossary: tuple[Term, ...]
    page: Mapping[str, str]
    short_answer: tuple[str, ...]
    """The short answer at the top of the page: Markdown lines, each with the ``{grade:claim-id}``
    of the claims it sums up (see :data:`GRADE_TOKEN`)."""

    @property
    def tip_ids(self) -> tuple[str, ...]:
        return tuple(tip.id for tip in self.tips)


# --- field readers: each names the file and the field it rejects -----------------------


def _text(data: Mapping[str, Any], key: str, path: Path, where: str = "") -> str:
    name = f"{where}{key}"
    if key not in data or data[key] is None:
        raise ContentError(path, name, "is missing")
    value = data[key]
    if not isinstance(value, str):
        raise ContentError(path, name, f"must be text, not {type(value).__name__}")
    if not value.strip():
        raise ContentError(path, name, "is empty")
    return value.strip()


def _slug(data: Mapping[str, Any], key: str, path: Path, where: str = "") -> str:
    value = _text(data, key, path, where)
    if not SLUG.fullmatch(value):
        raise ContentError(path, f"{where}{key}", f"'{value}' must be lowercase letters, digits and hyphens")
    return value


def _mapping(data: Any, path: Path, field: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ContentError(path, field, "must be a mapping of names to values")
    return data


def _list(data: Mapping[str, Any], key: str, path: Path, where: str = "") -> list[Any]:
    value = data.get(key)
    if value is None:
        raise ContentError(path, f"{where}{key}", "is missing")
    if not isinstance(value, list) or not value:
        raise ContentError(path, f"{where}{key}", "must be a non-empty list")
    return value


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "(file)", "the file is missing") from None
    except UnicodeDecodeError:
        raise ContentError(path, "(file)", "the file is not UTF-8 text") from None


def _yaml(text: str, path: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        raise ContentError(path, "(file)", f"is not valid YAML{where}") from None


def _unique(ids: list[str], path: Path, field: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ContentError(path, field, f"'{item}' is used twice")
        seen.add(item)


# --- the files --------------------------------------------------------------------------


def load_article(path: Path) -> Article:
    text = _read(path)
    parts = re.split(r"^---[ \t]*$", text, maxsplit=2, flags=re.MULTILINE)
    if len(parts) != 3 or parts[0].strip():
        raise ContentError(path, "front matter", "the file must start with YAML front matter between '---' lines")
    meta = _mapping(_yaml(parts[1], path), path, "front matter")
    reviewed = meta.get("last_reviewed")
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        raise ContentError(path, "last_reviewed", "must be a date written as YYYY-MM-DD")

    sections: list[Section] = []
    current: tuple[str, str] | None = None
    lines: list[str] = []
    preamble = []
    for line in parts[2].splitlines():
        if line.startswith("## "):
            match = HEADING.match(line)
            if match is None:
                raise ContentError(path, f"heading '{line[3:].strip()}'", "must end with an id, like {#why-runners}")
            if current is not None:
                sections.append(Section(current[0], current[1], "\n".join(lines).strip()))
            section_id = match["id"]
            if not SLUG.fullmatch(section_id):
                raise ContentError(
                    path,
                    f"heading '{match['title']}'",
                    f"id '{section_id}' must be lowercase letters, digits and hyphens",
                )
            current, lines = (section_id, match["title"]), []
        elif current is None:
            preamble.append(line)
        else:
            lines.append(line)
    if current is not None:
        sections.append(Section(current[0], current[1], "\n".join(lines).strip()))
    if "".join(preamble).strip():
        raise ContentError(path, "body", "text before the first '## ' heading; put it in a section")
    if not sections:
        raise ContentError(path, "body", "has no sections ('## Heading {#id}')")
    for section in sections:
        if not section.body:
            raise ContentError(path, f"section '{section.id}'", "is empty")
        if not TITLE_CHARACTERS.fullmatch(section.title) or TITLE_MARKUP.search(section.title) or not section.anchor:
            raise ContentError(
                path,
                f"heading '{section.title}'",
                "use plain letters (A-Z), digits and punctuation, not Markdown signs such as * _ [ ] #: "
                "the page makes the section's link from the words",
            )
    ids = [s.id for s in sections]
    _unique(ids, path, "section id")
    _unique([s.anchor for s in sections], path, "section heading (two headings give the same link)")
    taken = {heading_anchor(heading) for heading in PAGE_HEADINGS} | {heading_anchor(str(meta.get("title", "")))}
    for section in sections:
        if section.anchor in taken or section.anchor.startswith("evidence-"):
            raise ContentError(
                path,
                f"heading '{section.title}'",
                "gives the same link as a heading the page adds itself; choose other words",
            )

    article = Article(
        title=_text(meta, "title", path),
        standfirst=_text(meta, "standfirst", path),
        source=_text(meta, "source", path),
        voices=_text(meta, "voices", path),
        last_reviewed=reviewed,
        planner_after=_slug(meta, "planner_after", path),
        checklist_after=_slug(meta, "checklist_after", path),
        sections=tuple(sections),
    )
    for key in ("planner_after", "checklist_after"):
        if getattr(article, key) not in ids:
            raise ContentError(path, key, f"'{getattr(article, key)}' is not a section id in the article")
    return article


def load_tips(path: Path, section_ids: set[str], claim_ids: set[str]) -> tuple[Tip, ...]:
    data = _mapping(_yaml(_read(path), path), path, "(file)")
    tips = []
    for index, item in enumerate(_list(data, "tips", path), start=1):
        where = f"tips[{index}]."
        item = _mapping(item, path, f"tips[{index}]")
        tip_id = _slug(item, "id", path, where)
        text = _text(item, "text", path, where)
        why = _text(item, "why", path, where)
        section = _slug(item, "section", path, where)
        if section not in section_ids:
            raise ContentError(path, f"{where}section", f"'{section}' is not a section id in article.md")
        if item.get("from") is None:
            raise ContentError(
                path, f"{where}from", "is missing: write 'article' for the article's advice or 'page' for our own"
            )
        origin = _text(item, "from", path, where)
        if origin not in TIP_ORIGINS:
            raise ContentError(
                path, f"{where}from", f"'{origin}' must be 'article' (the article's advice) or 'page' (our own)"
            )
        evidence = _slug(item, "evidence", path, where)
        if evidence not in claim_ids:
            raise ContentError(path, f"{where}evidence", f"'{evidence}' is not a claim id in evidence.yaml")
        tips.append(Tip(tip_id, text, why, section, origin, evidence))
    _unique([t.id for t in tips], path, "tips[].id")
    return tuple(tips)


def _source(item: Any, path: Path, where: str) -> Source:
    item = _mapping(item, path, where.rstrip("."))
    year = item.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
        raise ContentError(path, f"{where}year", "must be a four-digit year")
    url = item.get("url")
    if url is None:
        raise ContentError(path, f"{where}url", f"is missing: {STABLE_LINK_HINT}")
    if not isinstance(url, str) or not STABLE_LINK.fullmatch(url.strip()):
        raise ContentError(path, f"{where}url", f"must be {STABLE_LINK_HINT}")
    return Source(
        authors=_text(item, "authors", path, where),
        year=year,
        title=_text(item, "title", path, where),
        journal=_text(item, "journal", path, where),
        url=url.strip(),
    )


def load_evidence(path: Path, section_ids: set[str]) -> Evidence:
    data = _mapping(_yaml(_read(path), path), path, "(file)")
    grades = _mapping(data.get("grades"), path, "grades")
    if tuple(grades) != GRADES:
        raise ContentError(path, "grades", f"must define exactly {', '.join(GRADES)}, in that order")
    definitions = {grade: _text(grades, grade, path, "grades.") for grade in GRADES}
    claims = []
    seen: dict[str, tuple[Source, str]] = {}
    for index, item in enumerate(_list(data, "claims", path), start=1):
        where = f"claims[{index}]."
        item = _mapping(item, path, f"claims[{index}]")
        grade = _text(item, "grade", path, where)
        if grade not in GRADES:
            raise ContentError(path, f"{where}grade", f"'{grade}' must be one of {', '.join(GRADES)}")
        section = _slug(item, "section", path, where)
        if section not in section_ids:
            raise ContentError(path, f"{where}section", f"'{section}' is not a section id in article.md")
        sources = tuple(
            _source(source, path, f"{where}sources[{n}].")
            for n, source in enumerate(_list(item, "sources", path, where), start=1)
        )
        for n, source in enumerate(sources, start=1):
            _same_source(source, seen, path, f"{where}sources[{n}]")
        short = _text(item, "short", path, where)
        if len(short.split()) > SHORT_WORDS:
            raise ContentError(
                path,
                f"{where}short",
                f"has {len(short.split())} words; keep it to {SHORT_WORDS} or fewer (the full text goes in 'summary')",
            )
        claims.append(
            Claim(
                id=_slug(item, "id", path, where),
                section=section,
                claim=_text(item, "claim", path, where),
                grade=grade,
                short=short,
                summary=_text(item, "summary", path, where),
                sources=sources,
            )
        )
    _unique([c.id for c in claims], path, "claims[].id")
    return Evidence(definitions, tuple(claims))


def _same_source(source: Source, seen: dict[str, tuple[Source, str]], path: Path, field: str) -> None:
    """The reference list shows each link once, so a source cited by several claims must be
    written the same way each time."""
    first, where = seen.setdefault(source.url, (source, field))
    if first != source:
        raise ContentError(
            path,
            field,
            f"has the same link as {where} but not the same authors, year, title and journal; "
            "write a source the same way each time",
        )


def load_glossary(path: Path) -> tuple[Term, ...]:
    data = _mapping(_yaml(_read(path), path), path, "(file)")
    terms = []
    for index, item in enumerate(_list(data, "terms", path), start=1):
        item = _mapping(item, path, f"terms[{index}]")
        terms.append(
            Term(_text(item, "term", path, f"terms[{index}]."), _text(item, "definition", path, f"terms[{index}]."))
        )
    _unique([term.term.lower() for term in terms], path, "terms[].term")
    return tuple(terms)


def load_page(path: Path, claim_ids: set[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """The page's short texts, and the lines of its short answer."""
    data = _mapping(_yaml(_read(path), path), path, "(file)")
    texts = {key: _text(data, key, path) for key in PAGE_FIELDS}
    lines = _list(data, "short_answer", path)
    if len(lines) > SHORT_ANSWER_LINES:
        raise ContentError(path, "short_answer", f"has {len(lines)} lines; keep it to {SHORT_ANSWER_LINES} or fewer")
    answer = []
    for index, line in enumerate(lines, start=1):
        field = f"short_answer[{index}]"
        text = _text({field: line}, field, path)
        grades = GRADE_TOKEN.findall(text)
        if not grades:
            raise ContentError(path, field, "needs the grade of the claim it sums up, like {grade:slow-loss}")
        for claim_id in grades:
            if claim_id not in claim_ids:
                reason = f"'{{grade:{claim_id}}}': '{claim_id}' is not a claim id in evidence.yaml"
                raise ContentError(path, field, reason)
        answer.append(text)
    return texts, tuple(answer)


def load_content(directory: Path = CONTENT_DIR) -> Content:
    """Load every content file and check that they agree with each other.

    The claims are put in the page's order (by their section's place in the article; the order
    in ``evidence.yaml`` within a section), so that the sources are numbered as the page cites them.
    """
    article = load_article(directory / "article.md")
    section_ids = {s.id for s in article.sections}
    evidence = load_evidence(directory / "evidence.yaml", section_ids)
    place = {section.id: index for index, section in enumerate(article.sections)}
    evidence = Evidence(evidence.grades, tuple(sorted(evidence.claims, key=lambda claim: place[claim.section])))
    claim_ids = {claim.id for claim in evidence.claims}
    page, short_answer = load_page(directory / "page.yaml", claim_ids)
    return Content(
        article=article,
        tips=load_tips(directory / "tips.yaml", section_ids, claim_ids),
        evidence=evidence,
        glossary=load_glossary(directory / "glossary.yaml"),
        page=page,
        short_answer=short_answer,
    )
