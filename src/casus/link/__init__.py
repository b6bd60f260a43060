"""Link: across documents — near-duplicates, event clusters, corroboration, contradictions,
timeline and escalation.

Public entry points: ``link(documents, events) -> LinkResult`` over everything, and
``link_incremental(previous, state, documents, events, changed_doc_ids) -> (LinkResult, LinkState)``,
which redoes only what new or changed documents touch and returns the same result as ``link``
(see casus.link.incremental). Both are deterministic whatever the order of their inputs.
"""

from __future__ import annotations

from casus.link.incremental import LinkState, assign_clusters, link, link_incremental, link_with_state
from casus.link.tables import LinkResult

__all__ = ["LinkResult", "LinkState", "assign_clusters", "link", "link_incremental", "link_with_state"]
