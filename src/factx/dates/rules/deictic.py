"""Words pointing at the reference time: "now", "today", "this morning", "last year", "next
week", "October last year", "the weekend". Resolved against the reference date; left
underspecified without one."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from ..direction import resolve_season, resolve_weekday, resolve_year, season_of
from ..lexicon import (DAY_EDGE_RE, DAY_EDGES, DAY_OFFSETS, DEICTIC_WORDS, ERA_NOUNS, ERA_REFS, MONTH_RE, MONTHS, ORDINALS, PARTS_OF_DAY,
                       POD_RE, POS_RE, POSITION_MODS, SEASON_RE, SEASONS, WEEKDAY_RE, WEEKDAYS)
from ..values import Timex, is_past, add_months, iso_week
from .anaphoric import part_anaphor
from .common import month_of, weekday_of


def deictic_word(t: str, ref, tense) -> Optional[Timex]:
    """"now", "recently", "the future", "recent years": a fixed value from the lexicon."""
    if t in DEICTIC_WORDS:
        hit = DEICTIC_WORDS[t]
        return Timex(hit[0], hit[1], None, hit[0] == "date") if hit else None
    return None


def deictic_day(t: str, ref, tense) -> Optional[Timex]:
    """"today", "yesterday morning", "late tonight", "the day after tomorrow"; "early today",
    "late yesterday" keep the part of the day in mod (START, END), as "early Monday"."""
    m = re.fullmatch(rf"(?:(?P<pos>early|earlier|later|late)\s+)?(?P<day>today|tonight|yesterday|"
                     rf"tomorrow|the day before yesterday|the day after tomorrow)"
                     rf"(?:\s+(?P<pod>{POD_RE}))?", t)
    if not m:
        return None
    mod = {"early": "START", "late": "END"}.get(m.group("pos") or "")
    pod, day = m.group("pod"), m.group("day")
    if ref is None:
        return Timex("date", None, None, True)
    d = ref + _dt.timedelta(days=DAY_OFFSETS[day])
    suffix = PARTS_OF_DAY[pod] if pod else ("TNI" if day == "tonight" else "")
    return Timex("date", d.isoformat() + suffix, mod, True)


def era_of_a_day_word(span) -> Optional[Timex]:
    """"Today's teenagers", "tomorrow's engineers", "the children of today", "the politics of
    yesterday": the day word names the present (future, past) era of a noun of people or of
    their ways (``ERA_NOUNS``), PRESENT_REF (FUTURE_REF, PAST_REF), not the day; "today's
    vote", "the meeting of today" are days. Read in context by ``extract``, as the span alone
    does not say it."""
    if len(span) != 1 or span[0].lower_ not in ERA_REFS:
        return None
    tok, doc = span[0], span.doc
    after = doc[tok.i + 1: tok.i + 3]
    before = doc[max(tok.i - 2, 0): tok.i]
    era = len(after) == 2 and after[0].lower_ in ("'s", "\u2019s") and after[1].lower_ in ERA_NOUNS or \
        len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in ERA_NOUNS
    return Timex("date", ERA_REFS[tok.lower_], None, True, "era_of_a_day_word") if era else None


def day_edge(t: str, ref, tense) -> Optional[Timex]:
    """"dawn", "at dusk on Sunday", "Saturday at sunset", "overnight": the part of the day
    (``DAY_EDGES``) of the day named with it, else of the reference day, where ``extract``
    moves it to the day its sentence names (as a bare clock time). "overnight" told in the past
    is the night before the reference day, the night a morning report looks back on."""
    day = rf"(?P<day>{WEEKDAY_RE}|today|yesterday|tomorrow|tonight)"
    m = re.fullmatch(rf"(?:(?:early|late|just)\s+)?(?:(?:at|before|after|by|around)\s+)?"
                     rf"(?P<edge>{DAY_EDGE_RE})(?:,?\s+(?:on\s+)?{day})?", t) or \
        re.fullmatch(rf"{day},?\s+(?:(?:at|before|after|by|around|just before|just after)\s+)?"
                     rf"(?P<edge>{DAY_EDGE_RE})", t)
    if not m:
        return None
    edge, named = m.group("edge"), m.group("day")
    suffix = DAY_EDGES[edge]
    if named and named.rstrip(".") in WEEKDAYS:
        if ref is None:
            return Timex("time", f"XXXX-WXX-{weekday_of(named)}{suffix}", None, True)
        d = resolve_weekday(ref, weekday_of(named), tense)
    elif ref is None:
        return Timex("time", f"XXXX-XX-XX{suffix}", None, True)
    elif named:
        d = ref + _dt.timedelta(days=DAY_OFFSETS[named])
    else:
        d = ref - _dt.timedelta(days=1) if edge == "overnight" and is_past(tense) else ref
    return Timex("time", d.isoformat() + suffix, None, True)


def part_of_the_told_day(t: str, ref, tense) -> Optional[Timex]:
    """"in the morning", "through the night", "during the afternoon" told in the past: that
    part of the day the story tells; ``extract`` moves it to the day its sentence names, else
    to the day the story last named, as a bare clock time (with no tense read, "searched through
    the night", likewise). The present and the future are often habits ("I work in the
    morning") or leave the day open: no date. A part of the part goes in ``mod`` ("in the late
    afternoon", "late in the afternoon", "by mid-afternoon", "in the middle of the night": END,
    END, MID, MID), as "late Tuesday afternoon" has it."""
    m = re.fullmatch(rf"(?:(?P<first>early|late)\s+)?(?:in|during|through|throughout)?\s*the\s+"
                     rf"(?:(?P<pos>early|late|mid)[\s-]*)?(?P<pod>{POD_RE})", t) or \
        re.fullmatch(r"(?P<pos>early|late|mid)[\s-]*(?P<pod>morning|afternoon|evening)", t) or \
        re.fullmatch(rf"(?:in|during)?\s*(?P<pos>the middle of)\s+the\s+(?P<pod>{POD_RE})", t)
    if not m or m.group("pod") == "overnight" or not (tense is None or is_past(tense)):
        return None
    # "late in the afternoon" is "in the late afternoon"
    pos = m.group("pos") or m.groupdict().get("first")
    mod = POSITION_MODS.get(pos) if pos else None
    pod = PARTS_OF_DAY[m.group("pod")]
    if ref is None:
        return Timex("time", f"XXXX-XX-XX{pod}", mod, True)
    return Timex("time", ref.isoformat() + pod, mod, True)


def is_bare_day_edge(t: str) -> bool:
    """"at dawn", "overnight": an edge of the day that names no day of its own."""
    return re.fullmatch(rf"(?:(?:early|late|just)\s+)?(?:(?:at|before|after|by|around)\s+)?"
                        rf"{DAY_EDGE_RE}", t) is not None


def last_night(t: str, ref, tense) -> Optional[Timex]:
    """"last night", "late last night", "last evening": the night (evening) that ended the day
    before the reference day. English has no "last morning" or "last afternoon": only the night
    and the evening take "last"."""
    m = re.fullmatch(r"(?:(?:early|earlier|late|later)\s+)?last\s+(night|evening)", t)
    if not m:
        return None
    if ref is None:
        return Timex("date", None, None, True)
    d = ref - _dt.timedelta(days=1)
    return Timex("date", d.isoformat() + PARTS_OF_DAY[m.group(1)], None, True)


def this_part_of_day(t: str, ref, tense) -> Optional[Timex]:
    """"this morning", "early this evening"."""
    m = re.fullmatch(rf"(?:(?:early|earlier|late|later)\s+)?(this|that)\s+({POD_RE})", t)
    if not (m and m.group(1) == "this"):
        return None
    if ref is None:
        return Timex("date", None, None, True)
    return Timex("date", ref.isoformat() + PARTS_OF_DAY[m.group(2)], None, True)


def part_of_relative_year(t: str, ref, tense) -> Optional[Timex]:
    """"October last year", "the summer of last year", "last year's third quarter" style."""
    m = re.fullmatch(
        rf"(?:(?P<pos>{POS_RE})[\s-]*)?(?:the\s+)?(?P<part>{MONTH_RE}|{SEASON_RE}|"
        rf"(?:first|second|third|fourth)\s+(?:quarter|half))(?:,)?\s+(?:of\s+)?"
        rf"(?P<shift>last|this|next|the previous|the following|the same|that)\s+year", t) or \
        re.fullmatch(rf"(?P<shift>last|this|next)\s+year's\s+(?P<part>{MONTH_RE}|{SEASON_RE}|"
                     rf"(?:first|second|third|fourth)\s+(?:quarter|half))", t)
    if not m:
        return None
    pos = POSITION_MODS.get(m.groupdict().get("pos") or "")
    shift = m.group("shift")
    part = m.group("part")
    if ref is None or shift in ("the same", "that"):
        year = "XXXX"
    else:
        year = str(ref.year + {"last": -1, "next": 1, "the previous": -1,
                               "the following": 1}.get(shift, 0))
    if part.rstrip(".") in MONTHS:
        suffix = f"{month_of(part):02d}"
    elif part in SEASONS:
        suffix = SEASONS[part]
    else:
        n_txt, unit = part.split()
        suffix = ("Q" if unit == "quarter" else "H") + str(ORDINALS[n_txt])
    return Timex("date", f"{year}-{suffix}", pos, True)


def part_of_the_current_unit(t: str, ref, tense) -> Optional[Timex]:
    """"the end of the year", "the start of the month", "the middle of the week" in a present
    or future sentence: "the year" with no year named is the one the reference date lies in,
    and the part goes in ``mod``, as in "the end of this year". (In a past sentence it is the
    year the story tells: ``anaphoric.part_of_the_told_unit``.)"""
    anaphor = part_anaphor(t)
    if anaphor is None or is_past(tense):
        return None
    return shifted_unit(f"this {anaphor.unit}", ref, tense)._replace(mod=anaphor.mod)


def the_weekend(t: str, ref, tense) -> Optional[Timex]:
    """"the weekend", "over the weekend": the one around the reference date, by tense."""
    m = re.fullmatch(r"(?:over\s+|during\s+)?the\s+(weekend|week)", t)
    if not (m and m.group(1) == "weekend"):
        return None
    if ref is None:
        return Timex("date", None, None, True)
    sat = resolve_weekday(ref, 6, tense)
    return Timex("date", iso_week(sat) + "-WE", None, True)


def shifted_unit(t: str, ref, tense) -> Optional[Timex]:
    """"this week", "last year", "next Friday", "late last month", "this past summer", "that
    year" (anaphoric: its value comes from an earlier date of the text)."""
    m = re.fullmatch(
        rf"(?:(?P<pos>{POS_RE})[\s-]*)?(?P<shift>this|last|next|past|previous|coming|current|"
        rf"the past|the last|the previous|the coming|the next|the current|the following|"
        rf"the same|that|that same|this past)\s+(?P<unit>week|weekend|month|year|quarter|decade|"
        rf"century|season|{SEASON_RE}|{WEEKDAY_RE}|{MONTH_RE})", t)
    if not m:
        return None
    pos = POSITION_MODS.get(m.group("pos")) if m.group("pos") else None
    if re.fullmatch(r"the (?:past|last|previous|coming|next)", m.group("shift")) and \
            m.group("unit") in ("week", "month", "year", "decade", "century", "quarter"):
        return None  # "the last year" is the year up to now: a duration
    shift = m.group("shift").replace("the ", "").replace("this past", "last")
    shift = {"past": "last", "previous": "last", "coming": "next", "following": "next",
             "current": "this", "that same": "that", "same": "that"}.get(shift, shift)
    unit = m.group("unit")
    if shift == "that":
        return Timex("date", None, pos, True)  # anaphoric: "that year"
    if unit in SEASONS:
        if ref is None:
            return Timex("date", f"XXXX-{SEASONS[unit]}", pos, True)
        return Timex("date", resolve_season(ref, SEASONS[unit], shift, tense), pos, True)
    if unit.rstrip(".") in WEEKDAYS:
        if ref is None:
            return Timex("date", f"XXXX-WXX-{weekday_of(unit)}", pos, True)
        d = resolve_weekday(ref, weekday_of(unit), tense, shift)
        return Timex("date", d.isoformat(), pos, True)
    if unit.rstrip(".") in MONTHS:
        mon = month_of(unit)
        if ref is None:
            return Timex("date", f"XXXX-{mon:02d}", pos, True)
        return Timex("date", f"{resolve_year(ref, mon, None, tense, shift)}-{mon:02d}", pos, True)
    if ref is None:
        return Timex("date", None, pos, True)
    step = {"this": 0, "last": -1, "next": 1}.get(shift, 0)
    if unit == "year":
        return Timex("date", str(ref.year + step), pos, True)
    if unit == "month":
        d = add_months(ref, step)
        return Timex("date", f"{d.year}-{d.month:02d}", pos, True)
    if unit in ("week", "weekend"):
        d = ref + _dt.timedelta(weeks=step)
        return Timex("date", iso_week(d) + ("-WE" if unit == "weekend" else ""), pos, True)
    if unit == "quarter":
        d = add_months(ref, 3 * step)
        return Timex("date", f"{d.year}-Q{(d.month - 1) // 3 + 1}", pos, True)
    if unit == "decade":
        return Timex("date", f"{ref.year // 10 + step}", pos, True)
    if unit == "century":
        return Timex("date", f"{ref.year // 100 + step}", pos, True)
    if unit == "season":
        return Timex("date", f"{ref.year}-{season_of(ref)}", pos, True)
    return None
