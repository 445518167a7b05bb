"""Prepared reads: the hot read path's statements, built once and run without the ORM layer.

Building a SQLAlchemy statement and running it through the session costs more CPU than the
database spends answering it (the expression tree is rebuilt, its cache key recomputed and the
ORM's execution hooks run on every request). A ``PreparedRead`` is built once, with every
value a named bind parameter, and runs on the session's connection: the compiled form is found
by the statement's memoised cache key and the rows come back typed by SQLAlchemy as usual.

The scoping every ORM query gets from kit.tenancy and kit.ownership is compiled in rather than
added per request, so a prepared read cannot skip it either:

- the statement is prepared for the whole country and for one hub, the latter with the same
  ``hub_id = :hub`` criteria on every HubScoped table (joins and subqueries included) that
  kit.tenancy adds; the session's hub scope picks the form and supplies the hub;
- given ``owned_by`` (the repository's ``Repository.owned_by``), a session that carries a
  specialist caller's own ids gets a form narrowed to them as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, bindparam
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.kit.ownership import session_own_specialists
from masteryhub.kit.tenancy import HUB_PARAMETER, hub_scoped, session_hub_scope

OWN_PARAMETER = "own_specialist_ids"

OwnedBy = Callable[[Any], ColumnElement[bool] | None]


class PreparedRead:
    """One read statement in its scoped forms, run with the session's scope."""

    def __init__(
        self, statement: Select[*tuple[Any, ...]], *, owned_by: OwnedBy | None = None
    ) -> None:
        own = owned_by(bindparam(OWN_PARAMETER, expanding=True)) if owned_by else None
        # (narrowed to a hub?, narrowed to a specialist's own records?) -> statement
        self._forms: dict[tuple[bool, bool], Select[*tuple[Any, ...]]] = {
            (False, False): statement,
            (True, False): hub_scoped(statement),
        }
        if own is not None:
            self._forms[False, True] = statement.where(own)
            self._forms[True, True] = hub_scoped(statement.where(own))

    async def rows(self, session: AsyncSession, **values: Any) -> Sequence[RowMapping]:
        """The statement's rows for ``values`` (its bind parameters), in the session's scope
        and transaction, as mappings (``row["name"]``: several times quicker to read than a
        row's attributes). Pending ORM changes are flushed first, as a session query would."""
        sync = session.sync_session
        if sync.new or sync.dirty or sync.deleted:
            await session.flush()
        hub = session_hub_scope(sync)
        own = session_own_specialists(sync)
        narrowed = own is not None and (False, True) in self._forms
        if hub is not None:
            values[HUB_PARAMETER] = hub
        if narrowed:
            values[OWN_PARAMETER] = sorted(own or ())
        connection = await session.connection()
        result = await connection.execute(self._forms[hub is not None, narrowed], values)
        mappings: Sequence[RowMapping] = result.mappings().all()
        return mappings
