"""Observations as a table: one row per ``envkg:Observation``, for statistics outside RDF.

:func:`observation_rows` asks the graph (a :class:`kg.store.Store`, pyoxigraph by default) two
SPARQL queries: the observations with their subject, indicator, article, and the
``envkg:ObservationConflict`` nodes that tie disagreeing observations together. Rows are sorted
by subject, indicator concept, indicator, year and observation IRI, so the same graph gives the
same table. :func:`generate_csv` and :func:`generate_parquet` turn rows into bytes;
:func:`write_table` writes them atomically.

Example:
    >>> from kg.store import load_store
    >>> rows = observation_rows(load_store("tests/fixtures/mini.ttl"))
    >>> [(r.value, r.unit, r.unit_qudt, r.year) for r in rows if r.subject_label == "高平市"][0]
    ('300', '天', 'http://qudt.org/vocab/unit/DAY', '2025')
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.errors import OptionalDependencyError, OutputError
from kg.lexicon import read_tsv
from kg.normalize import plain_decimal
from kg.store import Store, run_query

ENVKG_NS = "https://w3id.org/envkg/ontology#"
FORMATS = ("csv", "parquet")


class ObservationRow(NamedTuple):
    """One observation, flattened. Empty strings where the graph says nothing."""

    subject_label: str
    subject_class: str  # envkg class local name, e.g. County
    subject_admin_code: str
    indicator: str  # IRI of the indicator as written (id/indicator/<phrase>)
    indicator_label: str
    concept: str  # IRI of its broader, normalised concept (id/indicator-concept/<id>)
    concept_label: str
    value: str  # decimal as written, without a trailing ".0"
    unit: str
    unit_qudt: str  # QUDT unit IRI (data/lexicons/units.tsv), "" when QUDT has none
    year: str
    article: str
    article_date: str
    article_outlet: str
    evidence: str
    conflicts_with: str  # IRIs of the observations this one disagrees with, space-separated
    conflict: str  # IRI of the envkg:ObservationConflict node(s), space-separated
    subject: str
    observation: str


COLUMNS = ObservationRow._fields

_ROWS_QUERY = """
SELECT ?obs ?subject ?subjectLabel ?subjectClass ?adminCode ?indicator ?indicatorLabel ?concept ?conceptLabel
       ?value ?unit ?year ?article ?date ?outlet ?evidence WHERE {
  ?obs a envkg:Observation ; envkg:subject ?subject ; envkg:indicator ?indicator ; envkg:value ?value .
  OPTIONAL { ?obs envkg:unit ?unit }
  OPTIONAL { ?obs envkg:year ?year }
  OPTIONAL { ?obs envkg:evidence ?evidence }
  OPTIONAL { ?obs envkg:mentionedIn ?article
             OPTIONAL { ?article dcterms:date ?date } OPTIONAL { ?article dcterms:publisher ?outlet } }
  OPTIONAL { ?subject skos:prefLabel ?subjectLabel }
  OPTIONAL { ?subject a ?subjectClass FILTER(STRSTARTS(STR(?subjectClass), STR(envkg:))) }
  OPTIONAL { ?subject envkg:adminCode ?adminCode }
  OPTIONAL { ?indicator skos:prefLabel ?indicatorLabel }
  OPTIONAL { ?indicator skos:broader ?concept OPTIONAL { ?concept skos:prefLabel ?conceptLabel } }
}
"""

_CONFLICTS_QUERY = """
SELECT ?obs ?conflict ?other WHERE {
  ?conflict a envkg:ObservationConflict ; envkg:conflictingObservation ?obs , ?other .
  FILTER(?obs != ?other)
}
"""


@lru_cache(maxsize=1)
def qudt_units() -> dict[str, str]:
    """Unit string as in envkg:unit -> QUDT unit IRI (data/lexicons/units.tsv; "" where QUDT has none).

    >>> qudt_units()["天"]
    'http://qudt.org/vocab/unit/DAY'
    """
    return {row["unit"]: row["qudt_unit"] for row in read_tsv("lexicons/units.tsv")}


def _text(term) -> str:
    return "" if term is None else str(term)


def observation_rows(store: Store) -> list[ObservationRow]:
    """Every observation of the graph in `store` as a row, sorted (see the module's docstring).

    Raises:
        QueryError: the store cannot answer the queries.
    """
    conflicts: dict[str, tuple[set[str], set[str]]] = {}
    for obs, conflict, other in run_query(store, _CONFLICTS_QUERY).rows:
        nodes, others = conflicts.setdefault(str(obs), (set(), set()))
        nodes.add(str(conflict))
        others.add(str(other))
    units = qudt_units()
    rows: dict[str, ObservationRow] = {}
    for (obs, subject, subject_label, subject_class, admin_code, indicator, indicator_label, concept, concept_label,
         value, unit, year, article, date, outlet, evidence) in run_query(store, _ROWS_QUERY).rows:
        iri = str(obs)
        nodes, others = conflicts.get(iri, ((), ()))
        row = ObservationRow(
            subject_label=_text(subject_label), subject_class=_text(subject_class).removeprefix(ENVKG_NS),
            subject_admin_code=_text(admin_code), indicator=_text(indicator), indicator_label=_text(indicator_label),
            concept=_text(concept), concept_label=_text(concept_label), value=plain_decimal(_text(value)), unit=_text(unit),
            unit_qudt=units.get(_text(unit), ""), year=_text(year), article=_text(article), article_date=_text(date),
            article_outlet=_text(outlet), evidence=_text(evidence), conflicts_with=" ".join(sorted(others)),
            conflict=" ".join(sorted(nodes)), subject=_text(subject), observation=iri)
        # an observation the graph gives twice (two classes or labels for its subject): keep the least row
        if iri not in rows or row < rows[iri]:
            rows[iri] = row
    return sorted(rows.values(), key=_sort_key)


def _sort_key(row: ObservationRow) -> tuple:
    return (row.subject_label, row.subject, row.concept, row.indicator_label, row.year, row.article, row.observation)


def generate_csv(rows: list[ObservationRow]) -> str:
    """The rows as CSV text with a header line (RFC 4180 quoting, ``\\n`` line ends).

    >>> generate_csv([]).split(",")[:3]
    ['subject_label', 'subject_class', 'subject_admin_code']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def generate_parquet(rows: list[ObservationRow]) -> bytes:
    """The rows as a Parquet file: value as float64, year as int32 (null when unknown), the rest strings.

    Raises:
        OptionalDependencyError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise OptionalDependencyError("Parquet output needs pyarrow: pip install 'envkg[parquet]' "
                                      "(or use --format csv).") from e
    columns = {name: [getattr(row, name) for row in rows] for name in COLUMNS}
    arrays = {name: pa.array(values, type=pa.string()) for name, values in columns.items()}
    arrays["value"] = pa.array([float(v) for v in columns["value"]], type=pa.float64())
    arrays["year"] = pa.array([int(v) if v.isdigit() else None for v in columns["year"]], type=pa.int32())
    table = pa.table([arrays[name] for name in COLUMNS], names=list(COLUMNS))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def generate_table(rows: list[ObservationRow], fmt: str) -> bytes:
    """The rows as `fmt` (``csv``: UTF-8 text; ``parquet``) bytes.

    Raises:
        OutputError: `fmt` is not one of :data:`FORMATS`.
        OptionalDependencyError: Parquet without pyarrow.
    """
    if fmt == "csv":
        return generate_csv(rows).encode("utf-8")
    if fmt == "parquet":
        return generate_parquet(rows)
    raise OutputError(f"unknown table format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_table(rows: list[ObservationRow], path: str | Path, fmt: str = "csv") -> Path:
    """Write :func:`generate_table` to `path` atomically; returns the path.

    Raises:
        OutputError: the file cannot be written, or `fmt` is unknown.
        OptionalDependencyError: Parquet without pyarrow.
    """
    from kg.outputs import write_atomic

    path = Path(path)
    write_atomic(path, generate_table(rows, fmt))
    return path
