"""envkg: a knowledge-graph builder for Chinese news about environmental governance.

Importing the package has no side effects; the NLP pipeline is built on demand by
:func:`kg.nlp.pipeline.make_nlp`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
