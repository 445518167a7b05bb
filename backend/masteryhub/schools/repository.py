"""Every query of the schools area: schools, import jobs and hubs' areas."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, delete, func, literal, null, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.base import utcnow
from masteryhub.models.hub import Hub
from masteryhub.models.school import HubArea, School
from masteryhub.models.school_import import ImportStatus, SchoolImport
from masteryhub.schools.schemas import LocalAuthority


@dataclass(frozen=True)
class SchoolFilters:
    q: str | None = None
    urn: str | None = None
    phase: str | None = None
    la_code: str | None = None
    region: str | None = None
    hub_id: uuid.UUID | None = None
    status: str | None = None
    state_funded: bool | None = None


class SchoolRepository(Repository[School]):
    model = School
    not_found_detail = "No such school."

    def filtered(self, filters: SchoolFilters) -> Select[School]:
        statement = self.select()
        # lower(name) LIKE: the expression of ix_schools_name_lower.
        if (matches := text_search(filters.q, School.name)) is not None:
            statement = statement.where(matches)
        if filters.urn:
            statement = statement.where(School.urn == filters.urn)
        if filters.phase:
            statement = statement.where(School.phase_code == filters.phase)
        if filters.la_code:
            statement = statement.where(School.la_code == filters.la_code)
        if filters.region:
            statement = statement.where(
                or_(School.region_name == filters.region, School.region_code == filters.region)
            )
        if filters.hub_id:
            statement = statement.where(School.hub_id == filters.hub_id)
        if filters.status:
            statement = statement.where(School.status_code == filters.status)
        if filters.state_funded is not None:
            statement = statement.where(School.is_state_funded == filters.state_funded)
        return statement

    async def by_urn(self, urn: str) -> School | None:
        return await self.session.scalar(self.select().where(School.urn == urn))

    async def by_urn_any_hub(self, urn: str) -> School | None:
        """Schools are national reference data: this lookup deliberately crosses hubs (an
        application is routed by its school)."""
        return await self.session.scalar(
            select(School).where(School.urn == urn).execution_options(all_hubs=True)
        )


class SchoolImportRepository(Repository[SchoolImport]):
    model = SchoolImport
    not_found_detail = "No such import."

    async def unfinished(self) -> list[SchoolImport]:
        statement = self.select().where(
            SchoolImport.status.in_([ImportStatus.QUEUED, ImportStatus.RUNNING])
        )
        return list(await self.session.scalars(statement.with_for_update()))


class HubAreaRepository:
    """Hubs' areas: which local authorities' schools each hub serves."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def hub_for(self, la_code: str | None) -> uuid.UUID | None:
        if la_code is None:
            return None
        statement = select(HubArea.hub_id).where(HubArea.la_code == la_code)
        return await self.session.scalar(statement)

    async def la_codes_of(self, hub: Hub) -> list[str]:
        statement = (
            select(HubArea.la_code).where(HubArea.hub_id == hub.id).order_by(HubArea.la_code)
        )
        return list(await self.session.scalars(statement))

    async def local_authorities(self, la_codes: list[str]) -> list[LocalAuthority]:
        """The LAs with their GIAS names, in one query: there is no LA register, so a name
        comes from the imported schools of that LA (all of them carry the same one)."""
        statement = (
            select(School.la_code, func.max(School.la_name))
            .where(School.la_code.in_(la_codes))
            .group_by(School.la_code)
        )
        rows = (await self.session.execute(statement)).all() if la_codes else []
        names = dict(rows)
        return [LocalAuthority(code=code, name=names.get(code)) for code in sorted(la_codes)]

    async def taken_elsewhere(
        self, la_codes: set[str], hub: Hub
    ) -> list[tuple[str, str, str, uuid.UUID]]:
        """(LA, hub code, hub name, hub id) for each of ``la_codes`` in another hub's area."""
        statement = (
            select(HubArea.la_code, Hub.code, Hub.name, Hub.id)
            .join(Hub, Hub.id == HubArea.hub_id)
            .where(HubArea.la_code.in_(la_codes), HubArea.hub_id != hub.id)
            .order_by(HubArea.la_code)
        )
        rows = (await self.session.execute(statement)).all()
        return [(la, code, name, hub_id) for la, code, name, hub_id in rows]

    async def remove(self, hub: Hub, la_codes: set[str]) -> None:
        await self.session.execute(
            delete(HubArea).where(HubArea.hub_id == hub.id, HubArea.la_code.in_(la_codes))
        )

    async def reroute_schools(self, hub: Hub, added: set[str], removed: set[str]) -> int:
        """One statement for every school that follows its LA: into ``hub`` for the added
        LAs, out of any hub for the removed ones. Returns how many schools changed hub."""
        result = await self.session.execute(
            update(School)
            .where(
                School.hub_overridden.is_(False),
                or_(
                    and_(
                        School.la_code.in_(added),
                        or_(School.hub_id.is_(None), School.hub_id != hub.id),
                    ),
                    and_(School.la_code.in_(removed), School.hub_id == hub.id),
                ),
            )
            .values(
                hub_id=case(
                    (School.la_code.in_(added), literal(hub.id, School.hub_id.type)),
                    else_=null(),
                ),
                version=School.version + 1,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)
