"""Every study is linked by a stable address, a DOI or a PubMed record, never a search page
(issue 11): the shipped content says so, and the loader refuses any other link by file and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from runners_face.content import CONTENT_DIR, ContentError, load_content

DOI_LINK = re.compile(r"https://doi\.org/10\.\d{4,9}/[^\s?#]+")
PUBMED_LINK = re.compile(r"https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/")


def test_every_source_link_in_the_shipped_content_is_a_doi_or_pubmed_record() -> None:
    references = load_content().evidence.references()
    assert references
    for source in references:
        assert DOI_LINK.fullmatch(source.url) or PUBMED_LINK.fullmatch(source.url), (source.title, source.url)


@pytest.mark.parametrize(
    "url",
    [
        # Not another source's link: a link is one source (see test_content)
        "https://doi.org/10.1000/182",
        "https://doi.org/10.1016/S0140-6736(11)60812-X",
        "https://pubmed.ncbi.nlm.nih.gov/23732711/",
        "https://pubmed.ncbi.nlm.nih.gov/23732711",
    ],
)
def test_the_loader_accepts_a_doi_or_pubmed_link(tmp_path: Path, url: str) -> None:
    directory = _content_with_first_source_url(tmp_path, url)
    assert load_content(directory).evidence.claims[0].sources[0].url == url


@pytest.mark.parametrize(
    "url",
    [
        "https://pubmed.ncbi.nlm.nih.gov/?term=Exercise-stimulated%20interleukin-15",
        "https://www.ncbi.nlm.nih.gov/pubmed/23732711",
        "http://doi.org/10.7326/0003-4819-158-11-201306040-00002",
        "https://doi.org/10.7326/0003 4819",
        "https://doi.org/not-a-doi",
        "https://www.acpjournals.org/doi/10.7326/0003-4819-158-11-201306040-00002",
        "https://scholar.google.com/scholar?q=sunscreen",
        "javascript:alert(1)",
        "",
        12345678,
    ],
)
def test_the_loader_refuses_any_other_source_link_naming_the_file_and_field(tmp_path: Path, url: object) -> None:
    directory = _content_with_first_source_url(tmp_path, url)
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    assert caught.value.path.name == "evidence.yaml"
    assert caught.value.field == "claims[1].sources[1].url"
    assert "DOI" in caught.value.reason and "PubMed" in caught.value.reason


def _content_with_first_source_url(tmp_path: Path, url: object) -> Path:
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    path = directory / "evidence.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"][0]["sources"][0]["url"] = url
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory
