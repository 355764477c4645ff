"""Organisations: <division> + role, branches, national organs, and agencies named after a water body or place."""

from __future__ import annotations

from functools import lru_cache
import re

from kg import lexicon
from kg.nlp.recognizers.base import Candidate, Context, DIVISION_CLASSES, literal
from kg.nlp.text import FUNCTION_CHARS, HAN


def recognize_organisations(ctx: Context) -> list[Candidate]:
    """<division> + role (生态环境局, 市委, 环委办 ...), branches (…局X分局), bare 市/县 + role, national organs."""
    text = ctx.text
    roles = lexicon.org_roles()
    out: list[Candidate] = []
    taken: set[int] = set()
    divisions = sorted(ctx.of("Province", "Prefecture", "County"), key=lambda c: c.start)
    local_roles = _local_roles_by_first_char()
    for div in divisions:
        for role in local_roles.get(text[div.end:div.end + 1], ()):
            r = role["role"]
            if not text.startswith(r, div.end):
                continue
            if r in ("委", "委员会") and text.startswith(("委员会办公室", "委办"), div.end):
                continue
            end = div.end + len(r)
            cand = Candidate(text[div.start:end], role["class"], div.start, end,
                             {"division": div, "role": role["canonical"], "written_role": r})
            branch = _branch_after(ctx, cand) if role["canonical"] == "生态环境局" else None
            if branch:
                cand = branch
            out.append(cand)
            taken.update(range(cand.start, cand.end))
            break
    # bare 市/县/区/省 + role: the article's own place, resolved by the linker
    by_role = {r["role"]: r for r in roles if r["scope"] == "local"}
    for m in _bare_role_re().finditer(text):
        r = m.group(2)
        role = by_role[r]
        if any(m.start() < c.end and c.start < m.end() for c in out):
            continue
        prev = text[m.start() - 1] if m.start() else ""
        if len(r) <= 2 and prev and "\u4e00" <= prev <= "\u9fff" and prev not in FUNCTION_CHARS \
                and prev not in "全该本各" and not any(c.end == m.start() for c in ctx.found):
            continue  # 城市委员会: 市 belongs to the word before
        if r in ("委", "委员会") and text.startswith(("委员会办公室", "委办"), m.start() + 1):
            continue
        out.append(Candidate(m.group(0), role["class"], m.start(), m.end(),
                             {"level_char": m.group(1), "role": role["canonical"], "written_role": r}))
    # short branch names: 高平分局 (county short form + 分局)
    for div in ctx.of("County"):
        if text.startswith("分局", div.end) and div.start not in taken:
            out.append(Candidate(text[div.start:div.end + 2], "Bureau", div.start, div.end + 2,
                                 {"division": div, "role": "分局", "branch_of": None}))
            taken.update(range(div.start, div.end + 2))
    # basin agencies of the ministry: 黄河流域生态环境监督管理局, 海河流域北海海域生态环境监督管理局
    for suffix, cls in lexicon.name_patterns().get("basin_agency", ()):
        for m in re.finditer(rf"([{HAN}]{{1,4}}流域(?:[{HAN}]{{1,4}}海域)?){re.escape(suffix)}", text):
            if not any(m.start() < c.end and c.start < m.end() for c in out):
                out.append(Candidate(m.group(0), cls, m.start(), m.end(), {"role": m.group(0)}))
    for role in roles:
        if role["scope"] != "national":
            continue
        for m in literal(role["role"]).finditer(text):
            if any(m.start() < c.end and c.start < m.end() for c in out):
                continue
            if role["role"].endswith("部") and text.startswith("门", m.end()):
                continue  # 环境保护部门, 环保部门: departments, not the ministry
            out.append(Candidate(role["role"], role["class"], m.start(), m.end(), {"role": role["canonical"]}))
    return out


@lru_cache(maxsize=1)
def _local_roles_by_first_char() -> dict[str, list[dict[str, str]]]:
    """The local roles (longest first, as lexicon.org_roles) by their first character."""
    out: dict[str, list[dict[str, str]]] = {}
    for role in lexicon.org_roles():
        if role["scope"] == "local":
            out.setdefault(role["role"][:1], []).append(role)
    return out


@lru_cache(maxsize=1)
def _bare_role_re() -> re.Pattern:
    """市/县/区/省 + a local role, longest role first (市环委办, 县生态环境局, 市委)."""
    roles = [r["role"] for r in lexicon.org_roles() if r["scope"] == "local" and (len(r["role"]) >= 2 or r["role"] == "委")]
    return re.compile("([市县区省州])(" + "|".join(map(re.escape, roles)) + ")")


def _branch_after(ctx: Context, parent: Candidate) -> Candidate | None:
    """…生态环境局 + <county> + (市)?分局 → the branch bureau, with its parent; or a branch named
    after a town or a zone the gazetteer does not list (东莞市生态环境局长安分局, …局高新分局)."""
    text = ctx.text
    for div in ctx.of("County"):
        if div.start != parent.end:
            continue
        end = div.end
        if text.startswith("分局", end):
            end += 2
        elif text.startswith("市分局", end) or text.startswith("县分局", end) or text.startswith("区分局", end):
            end += 3
        else:
            return None
        return Candidate(text[parent.start:end], "Bureau", parent.start, end,
                         {"division": div, "role": "分局", "branch_of": parent})
    m = _NAMED_BRANCH_RE.match(text, parent.end)
    if m is None or "局" in m.group(1) or any(ch in FUNCTION_CHARS for ch in m.group(1)):
        return None
    return Candidate(text[parent.start:m.end()], "Bureau", parent.start, m.end(),
                     {"division": parent.attrs.get("division"), "role": "分局", "branch_name": m.group(1),
                      "branch_of": parent})


#: A branch named after a place the gazetteer does not list: two to five characters before 分局.
_NAMED_BRANCH_RE = re.compile(rf"([{HAN}]{{2,5}}?)分局")


def recognize_agencies(ctx: Context) -> list[Candidate]:
    """Agencies named after the water body or reserve they run (滇池管理局, 洱海保护治理局,
    鄱阳湖国家级自然保护区管理局), with the division written before the name (昆明市滇池管理局)."""
    text = ctx.text
    suffixes = lexicon.name_patterns().get("place_agency", ())
    out = []
    for place in ctx.of("River", "Lake", "Reservoir", "Wetland", "Landmark"):
        for suffix, cls in suffixes:  # longest first
            if not text.startswith(suffix, place.end):
                continue
            end = place.end + len(suffix)
            division = ctx.ending_at(place.start, *DIVISION_CLASSES)
            start = division.start if division is not None else place.start
            out.append(Candidate(text[start:end], cls, start, end, {"agency_of": text[place.start:end]}))
            break
    return out
