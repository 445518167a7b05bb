from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select

from masteryhub.kit.repository import Repository
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.school_contact import SchoolContact


class SchoolContactRepository(Repository[SchoolContact]):
    model = SchoolContact
    not_found_detail = "No headteacher contact for this school."

    async def of_school(
        self, hub_id: uuid.UUID, school_id: uuid.UUID, *, lock: bool = False
    ) -> SchoolContact | None:
        statement = self.select().where(
            SchoolContact.hub_id == hub_id, SchoolContact.school_id == school_id
        )
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement.execution_options(all_hubs=True))

    async def of_schools(
        self, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]]
    ) -> dict[tuple[uuid.UUID, uuid.UUID], SchoolContact]:
        """The hub-set contacts of (hub, school) pairs, in one query."""
        pairs = list(pairs)
        if not pairs:
            return {}
        schools = {school for _, school in pairs}
        rows = await self.session.scalars(
            self.select()
            .where(SchoolContact.school_id.in_(schools))
            .execution_options(all_hubs=True)
        )
        wanted = set(pairs)
        return {(c.hub_id, c.school_id): c for c in rows if (c.hub_id, c.school_id) in wanted}

    async def heads_from_applications(
        self, pairs: Iterable[tuple[uuid.UUID, uuid.UUID]]
    ) -> dict[tuple[uuid.UUID, uuid.UUID], tuple[str | None, str]]:
        """The head (name, email) named on each (hub, school)'s most recent appointed
        application, in one query."""
        pairs = list(pairs)
        if not pairs:
            return {}
        rows = await self.session.execute(
            select(
                Application.hub_id,
                Application.school_id,
                Application.headteacher_name,
                Application.headteacher_email,
            )
            .where(
                Application.status == ApplicationStatus.APPOINTED,
                Application.school_id.in_({school for _, school in pairs}),
            )
            # Oldest first, so the most recent overwrites below.
            .order_by(Application.decided_at.asc().nulls_first(), Application.id)
            .execution_options(all_hubs=True)
        )
        wanted = set(pairs)
        found: dict[tuple[uuid.UUID, uuid.UUID], tuple[str | None, str]] = {}
        for hub_id, school_id, name, email in rows:
            if school_id is not None and (hub_id, school_id) in wanted and email:
                found[(hub_id, school_id)] = (name, email)
        return found
