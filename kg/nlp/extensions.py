"""``Doc._`` extensions used by the envkg components, registered once and on demand."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

EXTENSIONS = ("article", "text", "candidates", "linked", "entities", "relations", "observations")
log = logging.getLogger(__name__)


def register_extensions() -> None:
    """Register every ``Doc._`` attribute envkg assigns (idempotent)."""
    for name in EXTENSIONS:
        if Doc.has_extension(name):
            continue
        Doc.set_extension(name, default=None)
        log.debug("registered Doc._.%s", name)
