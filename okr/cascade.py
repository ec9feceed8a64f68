"""The top of the cascade: which objectives are company-level, which are
unaligned, and which teams make up the company figure (docs/scoring.md,
docs/quality.md `unaligned`).

One rule, used by scoring (the company figure), alignment (the tree's
"unaligned" list) and quality (the `unaligned` finding), so the pages cannot
disagree about an objective.

- A team the Teams sheet lists is placed by it: its parentless objectives are
  company-level when the team has no parent team.
- A team the Teams sheet does not list (or any team, without a Teams sheet)
  is placed by the objectives themselves: a parentless objective that others
  align to is a root of the cascade (company-level); one that nobody aligns
  to is unaligned.
"""

from __future__ import annotations

from .model import Objective, Team


def company_level_ids(objectives: list[Objective], teams: list[Team]) -> set[str]:
    """Ids of the parentless objectives at the top of the cascade."""
    listed = {tm.team for tm in teams}
    root_teams = {tm.team for tm in teams if not tm.parent_team}
    aligned_to = {o.parent for o in objectives if o.parent}
    return {o.id for o in objectives
            if not o.parent and (o.team in root_teams if o.team in listed else o.id in aligned_to)}


def unaligned_ids(objectives: list[Objective], teams: list[Team]) -> set[str]:
    """Ids of the objectives that contribute to no parent and are not company-level."""
    top = company_level_ids(objectives, teams)
    return {o.id for o in objectives if not o.parent and o.id not in top}


def company_teams(objectives: list[Objective], teams: list[Team]) -> set[str]:
    """The teams whose objectives make up the company figure: the roots of the
    Teams sheet, and every team that owns a company-level objective."""
    top = company_level_ids(objectives, teams)
    return {tm.team for tm in teams if not tm.parent_team} | {o.team for o in objectives if o.id in top}


def organisation(objectives: list[Objective], teams: list[Team]) -> str | None:
    """The organisation's name as the data gives it (the meeting pack's title
    page): the one team at the top of the cascade, else None."""
    top = company_teams(objectives, teams)
    return next(iter(top)) if len(top) == 1 else None
