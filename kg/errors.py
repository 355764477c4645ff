"""The one error hierarchy of envkg.

Every message says what went wrong and what to do. The CLI maps these to exit
codes: 0 ok, 1 graph does not conform, 2 error.
"""


class KGError(Exception):
    """Base class of every error envkg raises on purpose."""

    exit_code = 2


class InputError(KGError):
    """An input path or file cannot be used (missing, unreadable, not text)."""


class DataFileError(KGError):
    """A lexicon, gazetteer or pattern file under data/ is missing or malformed."""


class OntologyError(KGError):
    """The ontology or shapes files are missing or do not parse."""


class ValidationError(KGError):
    """SHACL validation could not be run (not: the graph does not conform)."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed."""


class OutputError(KGError):
    """An output file could not be written."""


class QuerySyntaxError(QueryError):
    """A SPARQL query does not parse; carries the 1-based line and column.

    Args:
        message: What the parser expected, without the position.
        line: 1-based line of the error in the query as the user wrote it.
        column: 1-based column of the error on that line.
    """

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column


class OptionalDependencyError(KGError):
    """A feature needs a package of an optional extra that is not installed (e.g. pyarrow for Parquet)."""
