"""The repository base every area's repository extends.

Hub scoping itself is applied to every ORM query by kit.tenancy; this base adds the shared
vocabulary: fetch-or-404 (another hub's record is simply not found), keyset pages, and own-records
scoping (kit.ownership): a repository whose rows belong to specialists says which in
``owned_by``, and every statement it builds shows a specialist caller their own rows only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.base import ExecutableOption

from masteryhub.errors import NotFound
from masteryhub.kit.ownership import OwnedIds, session_own_specialists
from masteryhub.kit.pagination import PageParams, Sort, SortOrder, paginate
from masteryhub.models.base import Entity

EntityT = TypeVar("EntityT", bound=Entity)
SelectT = TypeVar("SelectT", bound=Select[Any])


class Repository(Generic[EntityT]):
    model: type[EntityT]
    # Options applied to every read (eager loads for what the schemas return).
    load_options: Sequence[ExecutableOption] = ()
    not_found_detail = "No such record."

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @staticmethod
    def owned_by(specialist_ids: OwnedIds) -> ColumnElement[bool] | None:
        """The rows a specialist with these ids owns; None (the default): the area's records
        are the hub's, not a specialist's own."""
        return None

    def select(self, *, every_owner: bool = False) -> Select[EntityT]:
        """Every read starts here: the eager loads, and a specialist's own rows only (unless
        ``every_owner``: the caller must then refuse what is not theirs itself)."""
        statement = select(self.model).options(*self.load_options)
        return statement if every_owner else self.own_only(statement)

    def own_only(self, statement: SelectT) -> SelectT:
        """``statement`` narrowed to a specialist caller's own rows of this repository (as
        ``select()`` does), for a statement that reads columns rather than entities."""
        own = session_own_specialists(self.session.sync_session)
        if own is not None and (owned := self.owned_by(own)) is not None:
            statement = statement.where(owned)
        return statement

    async def find(self, entity_id: uuid.UUID) -> EntityT | None:
        return await self.session.scalar(self.select().where(self.model.id == entity_id))

    async def get(self, entity_id: uuid.UUID) -> EntityT:
        entity = await self.find(entity_id)
        if entity is None:
            raise NotFound(self.not_found_detail)
        return entity

    async def refreshed(self, entity: EntityT) -> EntityT:
        """The entity re-read with what the schemas show (after a write changed its links)."""
        statement = (
            self.select()
            .where(self.model.id == entity.id)
            .execution_options(populate_existing=True)
        )
        refreshed = await self.session.scalar(statement)
        assert refreshed is not None
        return refreshed

    async def for_update(self, entity_id: uuid.UUID) -> EntityT:
        """Fetch and lock the row for the rest of the transaction (PostgreSQL row lock;
        SQLite writers are already serialised)."""
        entity = await self.session.scalar(
            self.select().where(self.model.id == entity_id).with_for_update()
        )
        if entity is None:
            raise NotFound(self.not_found_detail)
        return entity

    async def page(
        self,
        statement: Select[EntityT],
        params: PageParams,
        order_by: Sequence[InstrumentedAttribute[Any]] | None = None,
        order: SortOrder = SortOrder.ASC,
        sort_key: str = "",
    ) -> tuple[list[EntityT], str | None]:
        return await paginate(
            self.session,
            statement,
            params,
            order_by=order_by or [self.model.id],
            updated_at=self.model.updated_at,
            order=order,
            sort_key=sort_key,
        )

    async def sorted_page(
        self,
        statement: Select[EntityT],
        params: PageParams,
        sort: str,
        sorts: Mapping[str, Sequence[InstrumentedAttribute[Any]]],
    ) -> tuple[list[EntityT], str | None]:
        """One page in the sort a client asked for: a key of ``sorts`` ascending, or with a
        leading ``-`` descending. Each key's columns must end with a unique one (the id). The
        first key ascending is the list's default sort."""
        wanted = Sort.parse(sort)
        default = next(iter(sorts))
        return await self.page(
            statement,
            params,
            order_by=sorts[wanted.key],
            order=wanted.order,
            sort_key="" if sort == default else sort,
        )
