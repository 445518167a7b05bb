"""Who points at a row, and the problem a delete answers while something does.

Whether any other table points at a row is found from the metadata's foreign keys.

Deleting evidence (a TRG meeting, a work-group session) is allowed only while nothing refers
to it; tables added later (the release-day ledger) are covered without this module knowing
them. Rows that are part of the record itself (its ON DELETE CASCADE children) do not count.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.errors import Conflict
from masteryhub.models.base import Base


class StillReferenced(Conflict):
    code = "still_referenced"
    title = "Something still points at this record"


async def referencing_tables(
    session: AsyncSession, table_name: str, row_id: uuid.UUID
) -> list[str]:
    found = []
    for table in Base.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table.name != table_name or foreign_key.ondelete == "CASCADE":
                continue
            if await session.scalar(select(exists().where(foreign_key.parent == row_id))):
                found.append(table.name)
                break
    return found
