"""Rhetoric analysis: the devices a careful reader of Chinese political language marks up by hand.

Each detector is a function of a :class:`~policytext.document.Document` that
returns a pandas table whose rows carry the section id, the sentence number
and the raw character span (``start``, ``end``; ``text`` is
``document.raw[start:end]``). Matching happens on ``document.norm``.

- :func:`find_quotations` — “…” (nested ‘…’ as child rows) and 《…》, with a kind and speaker
- :func:`find_formulas` — numbered formulas (四个善作善成, 一核两翼多点, 双碳, 1+4)
- :func:`find_enumerations` / :func:`enumeration_items` — (一)(二)…, 一是/二是…, 、-lists
- :func:`parallelisms` / :func:`parallelism_members` — 排比 groups with their template
- :func:`find_four_character` / :func:`four_character_density` — 四字格
- :func:`find_directives` / :func:`directive_profile` — directive and mobilising language
- :func:`leader_references` / :func:`leader_share` — leaders and central bodies cited
- :func:`term_frequencies`, :func:`find_keywords`, :func:`kwic`, :func:`dispersion`, :func:`cooccurrence`

Each detector's rules are in its module's docstring: ``help(rhetoric.quotations)``
(the module, not a function of the same name).
- :func:`rhetoric_tables`, :func:`rhetoric_payload`, :func:`write_tables` — everything at once
"""

from .devices import device_counts
from .directives import directive_profile, directive_term_counts, find_directives
from .enumerations import enumeration_items, find_enumerations
from .formulas import find_formulas
from .four_character import find_four_character, four_character_density
from .keywords import cooccurrence, dispersion, find_keywords, kwic, term_frequencies
from .leaders import leader_references, leader_share
from .parallelism import find_groups, parallelism_members, parallelisms
from .quotations import find_quotations, quotation_counts
from .report import TABLES, rhetoric_payload, rhetoric_tables, write_tables

__all__ = [
    "TABLES",
    "cooccurrence",
    "device_counts",
    "directive_profile",
    "directive_term_counts",
    "dispersion",
    "enumeration_items",
    "find_directives",
    "find_enumerations",
    "find_formulas",
    "find_four_character",
    "find_groups",
    "find_keywords",
    "find_quotations",
    "four_character_density",
    "kwic",
    "leader_references",
    "leader_share",
    "parallelism_members",
    "parallelisms",
    "quotation_counts",
    "rhetoric_payload",
    "rhetoric_tables",
    "term_frequencies",
    "write_tables",
]
