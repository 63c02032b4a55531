"""An escaped HTML fragment of the agreement for the in-app preview."""

from __future__ import annotations

from html import escape

from art28.documents.model import AgreementDocument, Annex, Block, Row


def document_html(doc: AgreementDocument) -> str:
    """The whole document as one ``<article>``; every piece of text is escaped."""
    parts = [f'<article class="dpa" lang="{escape(doc.language)}">',
             f"<h1>{escape(doc.title)}</h1>", f'<p class="dpa-subtitle">{escape(doc.subtitle)}</p>',
             f"<p>{escape(doc.parties_intro)}</p>", _ol(doc.parties),
             f"<p>{escape(doc.whereas)}</p>", _ol(doc.recitals, kind="A"),
             f"<p>{escape(doc.agree)}</p>"]
    for article in doc.articles:
        parts.append(f'<section class="dpa-article" id="article-{article.number}">'
                     f"<h2>{escape(article.label)} – {escape(article.heading)}</h2>")
        for p in article.paragraphs:
            items = "".join(f"<li>{escape(i)}</li>" for i in p.items)
            parts.append(f'<p><span class="dpa-num">{escape(p.number)}</span> {escape(p.text)}</p>'
                         + (f'<ul class="dpa-items">{items}</ul>' if items else ""))
        parts.append("</section>")
    parts.append(f"<h2>{escape(doc.signatures_heading)}</h2><p>{escape(doc.signatures_intro)}</p>")
    for s in doc.signatures:
        parts.append(f"<h3>{escape(s.heading)}</h3>{_kv(s.rows)}")
    parts.append(f"<h2>{escape(doc.annexes_heading)}</h2>")
    parts.extend(_annex(a) for a in doc.annexes)
    parts.append("</article>")
    return "\n".join(parts)


def _ol(lines: list[str], kind: str = "1") -> str:
    return f'<ol type="{kind}">' + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ol>"


def _kv(rows: list[Row]) -> str:
    body = "".join(f"<tr><th>{escape(r.cells[0])}</th><td>{escape(r.cells[1])}</td></tr>"
                   for r in rows)
    return f'<table class="dpa-kv">{body}</table>'


def _annex(annex: Annex) -> str:
    return (f'<section class="dpa-annex" id="annex-{escape(annex.number)}">'
            f"<h3>{escape(annex.title)}</h3>" + "".join(_block(b) for b in annex.blocks)
            + "</section>")


def _block(block: Block) -> str:
    if block.kind == "heading":
        return f"<h4>{escape(block.text)}</h4>"
    if block.kind == "text":
        return f"<p>{escape(block.text)}</p>"
    if block.kind == "list":
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "kv":
        return _kv(block.rows)
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r.cells) + "</tr>"
                   for r in block.rows)
    return f'<table class="dpa-grid"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
