"""Realistic OKR workbooks at any size, written fast.

`write(path, n_krs)` writes the canonical four-sheet workbook (Objectives,
Key Results, Check-ins, Teams) with:

- objectives = KRs / 3 (three KRs each), teams ~ KRs / 30, a cascade four
  levels deep: company -> departments -> teams -> sub-teams, every objective
  below the company aligned to one of its parent team's objectives;
- 13 weekly check-ins per KR over 2026-Q3, a finished quarter (dates as
  date-formatted serials; an import refuses an as-of after today);
- Dutch and English titles, owners, comments;
- mixed number formats: plain numbers, percent-formatted cells (0.08 shown
  as 8%), text numbers ('1.500', '12,5', '45%', '€ 30.000'), milestones
  (ja/nee, done), decrease KRs, KRs without an update.

The sheet XML is written straight into the zip (shared strings, a small
styles part), as Excel lays it out: openpyxl's normal mode needs minutes
and gigabytes for 1.3M check-in rows. Deterministic: the same size gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

QUARTER = "2026-Q3"
QUARTER_START = dt.date(2026, 7, 3)
AS_OF = dt.date(2026, 9, 28)
CHECKINS_PER_KR = 13
GENERATOR_VERSION = 2  # bump when the output changes: cached files are rebuilt

OUT = Path(__file__).resolve().parent / "out"

# style indexes in styles.xml cellXfs
S_PCT, S_DATE, S_THOUSANDS = "1", "2", "3"

FIRST = ["Anna", "Bram", "Cees", "Dana", "Eva", "Fred", "Gijs", "Hanna", "Ilse", "Joost", "Karin", "Lars",
         "Mila", "Noah", "Olga", "Pieter", "Quinten", "Roos", "Sanne", "Tim", "Umut", "Vera", "Wouter",
         "Yara", "Zoë", "Emma", "Liam", "Sophie", "Daan", "Julia", "Sem", "Fatima", "Mohammed", "Priya"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smith",
        "Yilmaz", "El Amrani", "Kowalski", "O'Brien", "Nguyen"]
DEPARTMENTS = ["Commercie", "Product & Tech", "Operations", "Finance", "People", "Marketing", "Sales",
               "Customer Success", "Data", "Security", "Legal", "Facilities", "Research", "Support"]
TEAM_WORDS = ["Platform", "Mobile", "Web", "Payments", "Onboarding", "Growth", "Enterprise", "SMB",
              "Partners", "Billing", "Search", "Insights", "Infra", "Identity", "Checkout", "Logistics",
              "Recruitment", "Learning", "Content", "Events", "Inside Sales", "Field Sales", "Benelux", "DACH",
              "Nordics", "Retention", "Quality", "Compliance", "Procurement", "Reporting"]
OBJ_NL = ["Klanten blijven omdat ze willen", "Groei naar een leidende positie in {x}",
          "Het beste product in de markt voor {x}", "Versterk onze marktpositie in {x}",
          "Maak {x} eenvoudig en betrouwbaar", "Word de werkgever van keuze in {x}",
          "Verbeter de klantreis rond {x}", "Verdubbel de impact van {x}"]
OBJ_EN = ["Customers stay because they want to", "Become the obvious choice for {x}",
          "Delight every user of {x}", "Make {x} fast, simple and reliable", "Build a world-class {x} team",
          "Win the {x} market", "Turn {x} into a growth engine"]
X = ["de IT-sector", "het MKB", "zorginstellingen", "onze app", "de webshop", "Benelux", "onboarding",
     "self-service", "enterprise customers", "our API", "data quality", "the partner channel"]
KR_NUMBER = [("Aantal Sales Qualified Leads van {a} naar {b}", "SQL"),
             ("{b} nieuwe contracten gesloten met minstens €30.000 ARR", "contracten"),
             ("NPS van {a} naar {b}", "NPS"), ("Increase weekly active users from {a} to {b}", "users"),
             ("Reduce median response time from {a} to {b} minutes", "min"),
             ("Gemiddelde doorlooptijd van {a} naar {b} dagen", "dagen"),
             ("Release {b} features requested by customers", "features"),
             ("Omzet uit upsell van {a} naar {b}", "EUR")]
KR_PCT = ["Churn teruggebracht van {a}% naar {b}%", "Increase trial conversion from {a}% to {b}%",
          "Klanttevredenheid van {a}% naar {b}%", "Raise test coverage from {a}% to {b}%"]
KR_MILESTONE = ["Klanttevredenheidsonderzoek verstuurd", "New pricing page live", "SOC 2 audit afgerond",
                "Partnerprogramma gelanceerd", "Migrate billing to the new platform"]
COMMENTS = ["Goed op weg", "On track", "Vertraging door vakantieperiode", "Waiting for legal review",
            "Boven verwachting", "Blocked on hiring", "Budget goedgekeurd", "Nieuwe campagne gestart",
            "Needs attention", "Afhankelijk van team Platform"]
STATUSES = ["green", "groen", "op koers", "amber", "oranje", "at risk", "red", "rood", "off track"]


def _col(c: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[c]


class _SST:
    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, s: str) -> int:
        self.count += 1
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.index)
        return i


def _cell(ref: str, v, sst: _SST, style: str | None = None) -> str:
    if v is None:
        return ""
    s = f' s="{style}"' if style else ""
    if isinstance(v, str):
        return f'<c r="{ref}" t="s"{s}><v>{sst(v)}</v></c>'
    return f'<c r="{ref}"{s}><v>{v!r}</v></c>' if isinstance(v, float) else f'<c r="{ref}"{s}><v>{v}</v></c>'


def _row(r: int, values: list, sst: _SST, styles: dict[int, str] | None = None) -> str:
    styles = styles or {}
    cells = "".join(_cell(f"{_col(c)}{r}", v, sst, styles.get(c)) for c, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def _build_teams(n_teams: int, rng: random.Random) -> list[tuple[str, str | None, str, int]]:
    """(team, parent team, lead, level) with levels 0 company, 1 departments, 2 teams, 3 sub-teams."""
    n_dept = max(2, round(n_teams * 0.08))
    n_team = max(2, round(n_teams * 0.4))
    n_sub = max(1, n_teams - 1 - n_dept - n_team)
    names: set[str] = set()

    def name(base: list[str], i: int) -> str:
        n = base[i % len(base)]
        k = i // len(base)
        out = n if k == 0 else f"{n} {k + 1}"
        while out in names:
            out += "'"
        names.add(out)
        return out

    def lead() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    teams = [("Company", None, lead(), 0)]
    names.add("Company")
    depts = [name(DEPARTMENTS, i) for i in range(n_dept)]
    teams += [(d, "Company", lead(), 1) for d in depts]
    mids = []
    for i in range(n_team):
        parent = depts[i % n_dept]
        t = name(TEAM_WORDS, i)
        mids.append(t)
        teams.append((t, parent, lead(), 2))
    for i in range(n_sub):
        parent = mids[i % n_team]
        teams.append((f"{parent} – {['Squad', 'Tribe', 'Cell', 'Crew'][i % 4]} {i // n_team + 1}", parent, lead(), 3))
    return teams


def workbook_rows(n_krs: int, seed: int = 7):
    """(objectives, key_results, checkins, teams) as sheet rows (header first), with per-row styles."""
    rng = random.Random(seed * 1_000_003 + n_krs)
    n_obj = max(1, n_krs // 3)
    n_teams = max(5, round(n_krs / 30))
    teams = _build_teams(n_teams, rng)
    by_level: dict[int, list[str]] = {}
    for t, _p, _l, lvl in teams:
        by_level.setdefault(lvl, []).append(t)
    parent_team = {t: p for t, p, _l, _lvl in teams}

    # objectives: company first, then each level, round-robin over the teams of that level
    per_level = {0: max(3, n_obj // 30), 1: n_obj * 15 // 100, 2: n_obj * 40 // 100}
    per_level[3] = n_obj - sum(per_level.values())
    objectives = [["id", "objective", "team", "quarter", "owner", "parent", "type"]]
    obj_styles: list[dict] = [{}]
    objs_of_team: dict[str, list[str]] = {}
    obj_ids: list[str] = []
    k = 0
    for lvl in range(4):
        level_teams = by_level[lvl]
        for i in range(per_level[lvl]):
            team = level_teams[i % len(level_teams)]
            k += 1
            oid = f"O-{k:06d}"
            x = rng.choice(X)
            title = (rng.choice(OBJ_NL) if rng.random() < 0.6 else rng.choice(OBJ_EN)).format(x=x)
            parent = None
            if lvl > 0:
                pool = objs_of_team.get(parent_team[team]) or objs_of_team["Company"]
                parent = rng.choice(pool)
            otype = rng.choice([None, None, "committed", "aspirational", "ambitieus"])
            quarter = QUARTER if rng.random() < 0.8 else rng.choice(["Q3 2026", "2026 Q3", "Q3-2026"])
            owner = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            objectives.append([oid, title, team, quarter, owner, parent, otype])
            objs_of_team.setdefault(team, []).append(oid)
            obj_ids.append(oid)

    key_results = [["id", "objective", "key result", "owner", "start", "target", "current", "unit", "kind",
                    "weight", "status", "comment"]]
    kr_styles: list[dict] = [{}]
    checkins = [["key result", "date", "value", "comment"]]
    ci_styles: list[dict] = [{}]
    date_serials = [((QUARTER_START + dt.timedelta(weeks=w)) - dt.date(1899, 12, 30)).days
                    for w in range(CHECKINS_PER_KR)]
    frac = [(w + 1) / CHECKINS_PER_KR for w in range(CHECKINS_PER_KR)]
    n = 0
    extra = n_krs - 3 * len(obj_ids)  # the first objectives get a fourth KR so the total is exact
    for i_obj, oid in enumerate(obj_ids):
        for j in range(4 if i_obj < extra else 3):
            n += 1
            kid = f"KR-{n:07d}"
            owner = None if rng.random() < 0.03 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            status = rng.choice(STATUSES) if rng.random() < 0.7 else None
            comment = rng.choice(COMMENTS) if rng.random() < 0.4 else None
            weight = rng.choice([None, None, None, 1, 2, 0.5])
            pace = rng.uniform(0.2, 1.3)  # how far along the KR gets
            updated = rng.random() > 0.05
            r = rng.random()
            styles: dict[int, str] = {}
            ci_style: dict[int, str] = {}
            if r < 0.10:  # milestone
                title = rng.choice(KR_MILESTONE)
                done = pace > 0.9
                cur = rng.choice(["ja", "done", "gereed"]) if done else rng.choice(["nee", "open", "bezig"])
                row = [kid, oid, title, owner, None, None, cur if updated else None, None,
                       rng.choice(["milestone", "mijlpaal"]), weight, status, comment]
                values = ["ja" if done and f > 0.85 else "nee" for f in frac]
            elif r < 0.27:  # percent-formatted cells, sometimes a decrease
                a = round(rng.uniform(0.02, 0.6), 2)
                b = round(a * rng.uniform(0.4, 0.8), 2) if rng.random() < 0.3 else round(min(0.99, a + rng.uniform(0.05, 0.3)), 2)
                cur = round(a + (b - a) * pace, 3)
                title = rng.choice(KR_PCT).format(a=round(a * 100), b=round(b * 100))
                row = [kid, oid, title, owner, a, b, cur if updated else None, None, None, weight, status, comment]
                styles = {4: S_PCT, 5: S_PCT, 6: S_PCT}
                values = [round(a + (cur - a) * f, 4) for f in frac]
                ci_style = {2: S_PCT}
            elif r < 0.37:  # numbers typed as text
                a = rng.randrange(0, 50) * 100
                b = a + rng.randrange(5, 200) * 100
                cur = a + (b - a) * pace
                tpl, unit = rng.choice(KR_NUMBER)
                fmt = rng.choice(["nl", "eur", "pct", "dec"])
                if fmt == "nl":
                    conv = lambda v: f"{round(v):,}".replace(",", ".")  # noqa: E731
                elif fmt == "eur":
                    conv = lambda v: "€ " + f"{round(v):,}".replace(",", ".")  # noqa: E731
                    unit = None
                elif fmt == "pct":
                    a, b, cur = a / 100, b / 100 if b < 10_000 else 95, None
                    cur = a + (b - a) * pace
                    conv = lambda v: f"{round(v)}%"  # noqa: E731
                    unit = None
                else:
                    conv = lambda v: f"{v / 10:.1f}".replace(".", ",")  # noqa: E731
                row = [kid, oid, tpl.format(a=conv(a), b=conv(b)), owner, conv(a), conv(b),
                       conv(cur) if updated else None, unit, None, weight, status, comment]
                values = [conv(a + (cur - a) * f) for f in frac]
            else:  # plain numbers, some decreasing, some with a thousands format
                a = rng.randrange(0, 500)
                if rng.random() < 0.2:
                    b = round(a * rng.uniform(0.3, 0.8))
                else:
                    b = a + rng.randrange(5, 5000)
                cur = round(a + (b - a) * pace, 1)
                tpl, unit = rng.choice(KR_NUMBER)
                kind = rng.choice([None, None, None, "number", "getal"])
                row = [kid, oid, tpl.format(a=a, b=b), owner, a, b, cur if updated else None, unit, kind, weight,
                       status, comment]
                if b > 1000:
                    styles = {5: S_THOUSANDS}
                values = [round(a + (cur - a) * f, 1) for f in frac]
            key_results.append(row)
            kr_styles.append(styles)
            if not updated:
                values = values[:-1] + [None]
            for w in range(CHECKINS_PER_KR):
                c = rng.choice(COMMENTS) if rng.random() < 0.08 else None
                checkins.append([kid, date_serials[w], values[w], c])
                ci_styles.append({1: S_DATE, **ci_style} if ci_style else {1: S_DATE})
    team_rows = [["team", "parent team", "lead"]] + [[t, p, lead] for t, p, lead, _lvl in teams]
    return (objectives, obj_styles), (key_results, kr_styles), (checkins, ci_styles), (team_rows, [{}])


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '{sheets}'
       '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
       '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def write(path: str | Path, n_krs: int, seed: int = 7) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = ["Objectives", "Key Results", "Check-ins", "Teams"]
    parts = workbook_rows(n_krs, seed)
    sst = _SST()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as zf:
        zf.writestr("[Content_Types].xml", _CT.format(sheets="".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(len(names)))))
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_RNS}>'
                    "<sheets>" + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                                         for i, n in enumerate(names)) + "</sheets></workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
                              f'2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                              for i in range(len(names)))
                    + f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
                      '2006/relationships/styles" Target="styles.xml"/>'
                    + f'<Relationship Id="rId{len(names) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/'
                      '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        zf.writestr("xl/styles.xml", _STYLES)
        for i, (rows, styles) in enumerate(parts):
            with zf.open(f"xl/worksheets/sheet{i + 1}.xml", "w", force_zip64=True) as f:
                ncols = len(rows[0])
                f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} {_RNS}>'
                        f'<dimension ref="A1:{_col(ncols - 1)}{len(rows)}"/><sheetData>'.encode())
                buf = []
                for r, row in enumerate(rows, start=1):
                    buf.append(_row(r, row, sst, styles[r - 1] if r - 1 < len(styles) else None))
                    if len(buf) >= 20_000:
                        f.write("".join(buf).encode())
                        buf = []
                f.write("".join(buf).encode())
                f.write(b"</sheetData></worksheet>")
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {_NS} count="{sst.count}" '
                    f'uniqueCount="{len(sst.index)}">'.encode())
            buf = []
            for s in sst.index:
                sp = ' xml:space="preserve"' if s != s.strip() else ""
                buf.append(f"<si><t{sp}>{escape(s)}</t></si>")
                if len(buf) >= 50_000:
                    f.write("".join(buf).encode())
                    buf = []
            f.write("".join(buf).encode())
            f.write(b"</sst>")
    tmp.replace(path)
    return path


def workbook_path(n_krs: int) -> Path:
    return OUT / f"okr-{n_krs}-v{GENERATOR_VERSION}.xlsx"


def ensure(n_krs: int) -> Path:
    """The workbook for this size, generated once and reused."""
    path = workbook_path(n_krs)
    if not path.exists():
        write(path, n_krs)
    return path


if __name__ == "__main__":  # python -m benchmarks.generate 10000 [out.xlsx]
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else workbook_path(size)
    import time
    t0 = time.perf_counter()
    write(target, size)
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
