"""report.html: one self-contained page (nothing loaded from the network), every text escaped."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casus.link import LinkResult
    from casus.records import InputError

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Casus report</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:70em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}</style>
</head><body>
<h1>Casus report</h1>
<p>{n_docs} documents, {n_events} event mentions, {n_errors} inputs that could not be read.</p>
<h2>Documents</h2>
<table><tr><th>doc_id</th><th>title</th><th>outlet</th><th>published</th><th>events</th></tr>
{doc_rows}
</table>
<h2>Errors</h2><ul>{error_rows}</ul>
</body></html>
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_report(docs: list[dict[str, Any]], events: list[dict[str, Any]], errors: list[InputError],
                  links: LinkResult, doc_ids: set[str]) -> str:
    """A plain first report: counts and the document list."""
    per_doc: dict[str, int] = {}
    for e in events:
        per_doc[e["doc_id"]] = per_doc.get(e["doc_id"], 0) + 1
    doc_rows = "\n".join(
        f"<tr><td>{_e(d['doc_id'])}</td><td>{_e(d['title'])}</td><td>{_e(d['outlet'])}</td>"
        f"<td>{_e((d['published'] or {}).get('date'))}</td><td>{per_doc.get(d['doc_id'], 0)}</td></tr>"
        for d in docs)
    error_rows = "".join(f"<li>{_e(err.path)}: {_e(err.error)}</li>" for err in errors)
    return PAGE.format(n_docs=len(docs), n_events=len(events), n_errors=len(errors), doc_rows=doc_rows,
                       error_rows=error_rows)
