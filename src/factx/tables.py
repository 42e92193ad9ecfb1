"""Rich views of query results (imported only when a table is printed)."""
from __future__ import annotations

from typing import Any, Optional

from rich.console import Console
from rich.padding import Padding
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text


# ---- extract -----------------------------------------------------------------------------

def render_summary(console: Console, summary) -> None:
    table = Table(title="factx extract", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles read", str(summary.read))
    table.add_row("extracted", str(summary.extracted))
    table.add_row("skipped (unchanged)", str(summary.skipped))
    table.add_row("failed", str(len(summary.failures)), style="red" if summary.failures else "")
    console.print(table)
    if summary.failures:
        failed = Table("article", "reason", title="failed", title_justify="left", title_style="red")
        for f in summary.failures:
            failed.add_row(escape(f.id), escape(f.reason or ""))
        console.print(failed)
    if summary.warnings:
        warned = Table("article", "warning", title="warnings", title_justify="left", title_style="yellow")
        for w in summary.warnings:
            warned.add_row(escape(w.id), escape("; ".join(w.warnings)))
        console.print(warned)


# ---- queries -----------------------------------------------------------------------------

# Below these widths a table has no room for its columns: one block a row instead.
NARROW = 100  # statements: speaker, words, cue, articles
NARROW_ARTICLES = 80


def print_block(console: Console, head: str, *lines: str) -> None:
    """One row of a narrow layout: its head line, then its lines indented (long ids fold)."""
    console.print(f"\n{head}", overflow="fold")
    for line in lines:
        console.print(Padding(line, (0, 0, 0, 2)), overflow="fold")

def render_articles(console: Console, rows: list[dict[str, Any]]) -> None:
    if console.width < NARROW_ARTICLES:
        console.print(Text(f"{len(rows)} articles", style="italic"))
        for r in rows:
            facts = f"{r['entities']} entities, {r['quotes']} quotes, {r['dates']} dates"
            when = published_cell(r)
            print_block(console, f"[bold]{escape(r['id'])}[/]", escape(r["title"] or ""),
                        f"[dim]{when + ' · ' if when else ''}{facts}[/]")
        return
    table = Table(title=f"{len(rows)} articles", title_justify="left")
    # every column keeps its room: ids fold, titles wrap, the counts never shrink to nothing
    table.add_column("id", overflow="fold", style="bold", ratio=1, min_width=12)
    table.add_column("title", overflow="fold", ratio=2, min_width=12)
    table.add_column("published", no_wrap=console.width >= NARROW, min_width=10)
    for col, short in (("entities", "ents"), ("quotes", "qts"), ("dates", "dts")):
        table.add_column(col if console.width >= NARROW else short, justify="right", no_wrap=True)
    for r in rows:
        table.add_row(escape(r["id"]), escape(r["title"] or ""), published_cell(r),
                      str(r["entities"]), str(r["quotes"]), str(r["dates"]))
    console.print(table)


# Publication dates factx guessed (not given by metadata) are marked where they are shown.
GUESSED_SOURCES = ("path", "text")


def published_cell(row: dict[str, Any]) -> str:
    day = escape(row.get("published") or "")
    source = row.get("published_source")
    return f"{day} [dim]({escape(source)})[/]" if day and source in GUESSED_SOURCES else day


def _meta_line(doc: dict[str, Any], key: str) -> str:
    line = f"{key}: {doc[key]}"
    if key == "published" and isinstance(doc.get("published_source"), str):
        line += f" (from {doc['published_source']})"
    return line


def render_article(console: Console, doc: dict[str, Any], by_label: dict[str, list[tuple[str, int]]]) -> None:
    head = Text(doc.get("title") or doc["id"], style="bold")
    meta = [doc["id"]] + [_meta_line(doc, k) for k in ("author", "published", "source", "url") if doc.get(k)]
    console.print(Panel(Text.assemble(head, "\n", Text(" · ".join(meta), style="dim")), expand=False))
    table = Table("label", "entities (mentions)", title="entities", title_justify="left")
    for label, items in by_label.items():
        table.add_row(label, escape(", ".join(f"{t} ({n})" if n > 1 else t for t, n in items)))
    console.print(table)
    quotes = [q for q in doc.get("quotes", []) if not q.get("partial")]
    if quotes:
        print_quotes(console, quotes, f"{len(quotes)} quotes", show_article=False)
    if doc.get("dates"):
        console.print(date_table(doc["dates"], show_article=False))


TEXT_STYLES = {"reported": "italic", "quote": "italic green", "speaker": "bold cyan", "person": "magenta", "date": "bold yellow"}


def render_article_text(console: Console, view: dict[str, Any]) -> None:
    """The article text with its highlights and a one-line legend; on a stream without colour
    (not a terminal, or NO_COLOR) the text exactly as stored, so it can be piped and diffed."""
    if console.color_system is None or console.no_color:
        text = view["text"]
        console.file.write(text if text.endswith("\n") else text + "\n")
        return
    from factx.query import HIGHLIGHT_KINDS

    text = Text(view["text"])
    # stylize by offsets, never by slicing: overlapping spans (a person inside a quote) combine
    for kind in HIGHLIGHT_KINDS:
        for span in view["highlights"]:
            if span["kind"] == kind:
                text.stylize(TEXT_STYLES[kind], span["start"], span["end"])
    legend = Text("  ").join(Text(kind, style=style) for kind, style in TEXT_STYLES.items())
    console.print(Text.assemble(Text("highlights: ", style="dim"), legend))
    console.print()
    console.print(text)


def render_excerpt(console: Console, view: dict[str, Any]) -> None:
    """`show --at/--quote`: the paragraph to cite, the asked-for span underlined on a colour
    terminal, and a line saying where it is (enough to find it in the article without colour)."""
    t = view["target"]
    console.print(Text(f"{view['id']} · characters {t['start']}-{t['end']}", style="dim"), overflow="fold")
    text = Text(view["text"])
    base = view["offset"]
    if console.color_system is not None and not console.no_color:
        for span in view["highlights"]:
            text.stylize(TEXT_STYLES.get(span["kind"], ""), span["start"] - base, span["end"] - base)
        text.stylize("underline", t["start"] - base, t["end"] - base)
    console.print(text)
    if view.get("quotes"):
        q = view["quotes"][0]
        who = q.get("speaker_person") or q.get("speaker") or "unknown"
        console.print(Text(f"— {who}" + (f" ({q['cue']})" if q.get("cue") else ""), style="dim"))


def said_words(q: dict[str, Any]) -> str:
    """A quote's words as table markup: in quotation marks, or, for reported speech (the
    writer's words, not the speaker's), in italics without marks."""
    if q.get("kind") == "indirect":
        return f"[italic]{escape(q['text'])}[/]"
    return escape(f"“{q['text']}”")


def quote_table(quotes: list[dict[str, Any]], show_article: bool = True) -> Table:
    table = Table(title=f"{len(quotes)} quotes", title_justify="left", show_lines=True)
    table.add_column("speaker", style="bold cyan", max_width=28)
    if show_article:
        table.add_column("article", max_width=30, overflow="fold", min_width=12)
    table.add_column("quote", ratio=1)
    table.add_column("cue", style="dim")
    for q in quotes:
        row = [speaker_cell(q)] + ([escape(q["article"])] if show_article else [])
        row += [said_words(q), escape(q.get("cue") or "")]
        table.add_row(*row)
    return table


def speaker_cell(q: dict[str, Any], name: Optional[str] = None) -> str:
    """The speaker as the corpus names them, with the article's own form when it differs ("Kim
    Kardashian", "she") and a mark when the speaker was carried over from an earlier sentence."""
    name = name or q.get("speaker_person") or q.get("speaker")
    if not name and q.get("speaker_via") == "writer":
        cell = "the writer"  # "I" / "we" outside quotation marks
    elif not name:
        cell = "[dim]unknown[/]"
    else:
        cell = escape(name)
    forms = []
    for form in (q.get("speaker"), q.get("speaker_text")):
        if form and form != name and form not in forms:
            forms.append(form)
    if q.get("speaker_via") == "previous":
        forms.append("from earlier")
    if forms:
        cell += f" [dim]({escape(', '.join(forms))})[/]"
    return cell




def _group_speaker(g: dict[str, Any]) -> str:
    first = g["segments"][0]
    return speaker_cell(first, first.get("speaker_person") or g["speaker"])


def _cue_mark(cue: Optional[str]) -> str:
    return f" [dim]· {escape(cue)}[/]" if cue else ""


def _statement_text(g: dict[str, Any]) -> str:
    # a mixed statement: its reported clause already holds the quoted pieces
    segments = [q for q in g["segments"] if q.get("kind") == "indirect"] or g["segments"]
    text = " … ".join(said_words(q) for q in segments)
    for other in g.get("wordings", []):
        words = " … ".join(said_words(q) for q in other["segments"])
        text += f"\n[dim]{escape(other['article'])}:[/] {words}"
    return text + (" [dim](partial)[/]" if g["partial"] else "")


def render_statements(console: Console, groups: list[dict[str, Any]]) -> None:
    if console.width < NARROW:
        console.print(Text(f"{len(groups)} statements", style="italic"))
        for g in groups:
            print_block(console, _group_speaker(g) + _cue_mark(g["cue"]), _statement_text(g),
                        f"[dim]{escape(', '.join(g['articles']))}[/]")
        return
    table = Table(title=f"{len(groups)} statements", title_justify="left", show_lines=True)
    table.add_column("speaker", style="bold cyan", max_width=28)
    table.add_column("statement", ratio=1)
    table.add_column("cue", style="dim")
    table.add_column("articles", overflow="fold", max_width=28)
    for g in groups:
        table.add_row(_group_speaker(g), _statement_text(g),
                      escape(g["cue"] or ""), escape("\n".join(g["articles"])))
    console.print(table)


def date_table(dates: list[dict[str, Any]], show_article: bool = True) -> Table:
    table = Table(title=f"{len(dates)} dates", title_justify="left")
    if show_article:
        table.add_column("article", max_width=30, overflow="fold", min_width=12)
    table.add_column("text")
    table.add_column("type")
    table.add_column("value", overflow="fold", min_width=10)
    table.add_column("people")
    for d in dates:
        row = [escape(d["article"])] if show_article else []
        row += [escape(d["text"]), d.get("type") or "", _value_cell(d), escape(", ".join(d.get("people") or []))]
        table.add_row(*row)
    return table


def _value_cell(d: dict[str, Any]) -> str:
    return escape(d.get("value") or "—") + (" [dim](relative)[/]" if d.get("relative") else "")


def render_dates(console: Console, dates: list[dict[str, Any]]) -> None:
    if console.width >= NARROW_ARTICLES:
        console.print(date_table(dates))
        return
    console.print(Text(f"{len(dates)} dates", style="italic"))
    for d in dates:
        people = ", ".join(d.get("people") or [])
        print_block(console, f"[bold]{escape(d['text'])}[/] → {_value_cell(d)} [dim]· {d.get('type') or ''}[/]",
                    f"[dim]{escape(d['article'])}{' · ' + escape(people) if people else ''}[/]")


def print_quotes(console: Console, quotes: list[dict[str, Any]], title: str, show_article: bool = True) -> None:
    """Quotes as a table, or one block a quote where the terminal is too narrow for columns."""
    if console.width >= NARROW:
        table = quote_table(quotes, show_article)
        table.title = title
        console.print(table)
        return
    console.print(Text(title, style="italic"))
    for q in quotes:
        where = [f"[dim]{escape(q['article'])}[/]"] if show_article else []
        print_block(console, speaker_cell(q) + _cue_mark(q.get("cue")), said_words(q), *where)


def render_candidates(console: Console, query: str, choices: list[dict[str, Any]]) -> None:
    table = Table("name", "id", "role", "mentions", "articles", title=f"{query!r} matches {len(choices)} "
                  "people; ask again with a fuller name or `factx who @ID`", title_justify="left")
    for c in choices:
        table.add_row(escape(c["name"]), escape("@" + str(c.get("id") or "")), escape(c.get("role") or ""),
                      str(c["mentions"]), str(c["articles"]))
    console.print(table)


def clip(text: Optional[str], limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut (an
    evidence sentence must never end in half a word: "the 1996 ass")."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: back to its start
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def render_profile(console: Console, prof: dict[str, Any]) -> None:
    facts = [Text(prof["name"], style="bold"), Text(f" ({prof['label']}, @{prof.get('id') or '?'})", style="dim")]
    lines = Text.assemble(*facts, "\n", Text("also: ", style="dim"),
                          ", ".join(a for a in prof["aliases"] if a != prof["name"]) or "—")
    counts = prof.get("counts") or {}
    if counts:
        lines.append("\n")
        lines.append(" · ".join(f"{counts.get(k, 0)} {word}" for k, word in (
            ("articles", "articles"), ("quotes", "quotes"), ("quoted_about", "quotes about them"),
            ("dates", "dated sentences"))), style="dim")
        if prof.get("limit") is not None and any(counts.get(k, 0) > prof["limit"] for k in counts):
            lines.append(f"\nthe latest {prof['limit']} of each are listed (--all for everything)", style="dim")
    for attr in prof["attributes"]:
        lines.append(f"\n{attr['type']}: {attr['value']}  ")
        lines.append(f"[{attr['article']}] {clip(attr.get('sentence'), 90)}", style="dim")
    console.print(Panel(lines, expand=False))
    arts = Table(title="articles", title_justify="left")
    arts.add_column("article", overflow="fold", min_width=12)
    for col in ("named", "mentions", "why this person"):
        arts.add_column(col)
    for a in prof["articles"]:
        arts.add_row(escape(a["article"]), escape(a.get("name") or ""), str(a["mentions"]),
                     escape(a.get("evidence") or ""))
    console.print(arts)
    if prof["quotes"]:
        print_quotes(console, prof["quotes"], f"{len(prof['quotes'])} quotes")
    if prof["quoted_about"]:
        print_quotes(console, prof["quoted_about"], f"{len(prof['quoted_about'])} quotes that mention them")
    if prof["dates"]:
        dates = Table(title="timeline", title_justify="left")
        dates.add_column("value", overflow="fold")
        dates.add_column("text")
        dates.add_column("article", overflow="fold", min_width=12)
        dates.add_column("sentence", ratio=1)
        for d in prof["dates"]:
            dates.add_row(d.get("value") or "—", escape(d["text"]), escape(d["article"]),
                          escape(clip(d.get("sentence"), 100)))
        console.print(dates)
    if prof["co_mentioned"]:
        co = Table("name", "articles together", title="appears with", title_justify="left")
        for c in prof["co_mentioned"][:15]:
            co.add_row(escape(c["name"]), str(c["articles"]))
        console.print(co)


def render_entities(console: Console, rows: list[dict[str, Any]]) -> None:
    if console.width < NARROW_ARTICLES:
        console.print(Text(f"{len(rows)} entities", style="italic"))
        for r in rows:
            aliases = ", ".join(a for a in r["aliases"] if a != r["name"])
            print_block(console, f"[bold]{escape(r['name'])}[/] [dim]{r['label']} · {r['mentions']} mentions · "
                        f"{r['n_articles']} articles[/]", *([f"[dim]also:[/] {escape(aliases)}"] if aliases else []))
        return
    table = Table(title=f"{len(rows)} entities", title_justify="left")
    table.add_column("name", style="bold")
    table.add_column("label")
    table.add_column("mentions", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("aliases", ratio=1)
    for r in rows:
        table.add_row(escape(r["name"]), r["label"], str(r["mentions"]), str(r["n_articles"]),
                      escape(", ".join(a for a in r["aliases"] if a != r["name"])))
    console.print(table)


def render_timeline(console: Console, items: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(items)} dated sentences", title_justify="left", show_lines=True)
    table.add_column("when", no_wrap=True, style="bold")
    table.add_column("sentence", ratio=1)
    table.add_column("people")
    table.add_column("article", max_width=26, overflow="fold", min_width=12)
    for i in items:
        table.add_row(escape(i["value"] or "?"), escape(i["sentence"] or i["text"]),
                      escape(", ".join(i["people"])), escape(i["article"]))
    console.print(table)


def render_corpus(console: Console, s: dict[str, Any]) -> None:
    """`factx summary`: the corpus at a glance, one small table per question."""
    t = s["totals"]
    kinds = t.get("statements_by_kind", {})
    console.print(f"[bold]{t['articles']}[/] articles, [bold]{t['statements']}[/] statements "
                  f"({kinds.get('direct', 0)} quoted, {kinds.get('indirect', 0)} reported), "
                  f"[bold]{t['dates']}[/] dates")
    months = Table("month", "articles", title="articles by month", title_justify="left")
    for m in s["articles_by_month"]:
        months.add_row(m["month"] or "(no date)", str(m["articles"]))
    console.print(months)
    speakers = Table("speaker", "statements", "quoted", "reported", title="top speakers", title_justify="left")
    for p in s["top_speakers"]:
        speakers.add_row(escape(p["name"]), str(p["statements"]), str(p["direct"]), str(p["indirect"]))
    console.print(speakers)
    known = {g: n for g, n in s["statements_by_speaker_gender"].items() if g != "unknown"}
    everyone = sum(s["statements_by_speaker_gender"].values())
    genders = Table("speaker gender", "statements", "share", title="statements by speaker gender",
                    title_justify="left", caption="share of statements whose named speaker's gender is known",
                    caption_justify="left")
    labels = {"f": "women", "m": "men", "unknown": "not known"}
    for g, n in sorted(s["statements_by_speaker_gender"].items(), key=lambda kv: kv[0] == "unknown"):
        share = f"{n / sum(known.values()):.0%}" if g in known else ""
        genders.add_row(labels.get(g, g), str(n), share)
    if everyone:
        console.print(genders)
    for key, title in (("top_people", "top people"), ("top_organisations", "top organisations")):
        table = Table("name", "mentions", "articles", title=title, title_justify="left")
        for r in s[key]:
            table.add_row(escape(r["name"]), str(r["mentions"]), str(r["articles"]))
        console.print(table)
