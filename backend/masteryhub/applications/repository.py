"""Every query for applications. Hub scoping is applied by kit.tenancy (Application is
HubOwned): another hub's application is simply not found."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from masteryhub.db import dialect_name
from masteryhub.errors import NotFound
from masteryhub.kit.pagination import (
    PageParams,
    Sort,
    SortOrder,
    keyset_page,
    paginate,
    prepared_page,
)
from masteryhub.kit.prepared import PreparedRead, Rows
from masteryhub.kit.repository import Repository
from masteryhub.kit.search import search_pattern, text_search_of
from masteryhub.models.application import Application, ApplicationStatus
from masteryhub.models.application_note import ApplicationNote
from masteryhub.models.application_sequence import ApplicationSequence
from masteryhub.models.audit_event import AuditEvent
from masteryhub.models.cohort import Cohort
from masteryhub.models.hub import Hub
from masteryhub.models.interview import Interview
from masteryhub.models.programme import Programme, ProgrammeCode
from masteryhub.models.reference_chaser import ReferenceChaser
from masteryhub.models.reference_request import ReferenceRequest
from masteryhub.models.review import Review
from masteryhub.models.school import School

# Rows hung on an application that carry its hub: they move with it.
DEPENDENTS: tuple[type[Any], ...] = (
    Review,
    ReferenceRequest,
    ApplicationNote,
    Interview,
    ReferenceChaser,
)
_applications = cast(Table, Application.__table__)


class ApplicationSort(StrEnum):
    SUBMITTED = "submitted"
    SUBMITTED_DESC = "-submitted"
    NAME = "name"
    NAME_DESC = "-name"
    REFERENCE = "reference"
    REFERENCE_DESC = "-reference"


# Waiting on the hub's decision.
DECISIONS_WAITING = (ApplicationStatus.INTERVIEW, ApplicationStatus.RESERVE)

# Each sort ends with the id, so the keyset is unique; UUIDv7 ids grow with submission.
APPLICATION_SORTS = {
    "submitted": (Application.id,),
    "name": (Application.applicant_last_name, Application.applicant_first_name, Application.id),
    "reference": (Application.reference, Application.id),
}


# The columns a list page shows (ApplicationRead), read as rows rather than ORM objects: a page
# of 50 is validated in one call from plain data. Hub scoping still applies (kit.tenancy adds
# its criteria to every ORM-enabled SELECT, whether of entities or of their columns).
PAGE_COLUMNS = (
    *(
        getattr(Application, name)
        for name in (
            "id",
            "reference",
            "status",
            "is_late",
            "source",
            "cohort_id",
            "hub_id",
            "school_urn",
            "school_id",
            "applicant_first_name",
            "applicant_last_name",
            "applicant_email",
            "applicant_trn",
            "applicant_phone",
            "role_title",
            "has_qts",
            "years_teaching_maths",
            "teaching_maths_half_days_per_week",
            "is_maths_subject_leader",
            "additional_statuses",
            "engaged_with_hub_tfm_work",
            "statement",
            "criteria_evidence",
            "headteacher_name",
            "headteacher_email",
            "headteacher_statement",
            "headteacher_commits_release_time",
            "headteacher_statement_received_at",
            "consent_to_data_processing",
            "screening",
            "reference_due_at",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        )
    ),
    Cohort.code.label("cohort_code"),
    Cohort.name.label("cohort_name"),
    Hub.code.label("hub_code"),
    Hub.name.label("hub_name"),
    School.urn.label("school_urn_"),
    School.name.label("school_name"),
    School.phase_name.label("school_phase_name"),
    School.la_name.label("school_la_name"),
)


def reference_overdue(at: Any) -> ColumnElement[bool]:
    """Awaiting the reference past its first chaser day, as of ``at`` (an instant, or a bind
    parameter of a statement prepared once)."""
    return and_(
        Application.status == ApplicationStatus.AWAITING_REFERENCE,
        Application.reference_due_at <= at,
    )


def in_cohort(code: Any) -> ColumnElement[bool]:
    """In the cohort with this code (or a bind parameter that will carry it)."""
    return Application.cohort_id.in_(select(Cohort.id).where(Cohort.code == code))


@dataclass(frozen=True)
class ApplicationFilter:
    """The list's filters as a client gave them."""

    cohort_code: str | None = None
    statuses: tuple[ApplicationStatus, ...] = ()
    school_urn: str | None = None
    q: str | None = None
    # Awaiting the reference past its first chaser day as of ``now`` (True), or not (False).
    reference_overdue: bool | None = None
    now: datetime | None = None
    school_unmatched: bool | None = None
    review_count: int | None = None
    hub_id: uuid.UUID | None = None

    def shape(self) -> FilterShape:
        """Which conditions apply: one prepared statement per shape (``_list_read``)."""
        return FilterShape(
            hub=self.hub_id is not None,
            reference_overdue=self.reference_overdue,
            school_unmatched=self.school_unmatched,
            review_count=self.review_count is not None,
            cohort=bool(self.cohort_code),
            statuses=len(self.statuses),
            school_urn=bool(self.school_urn),
            search=search_pattern(self.q) is not None,
        )

    def values(self) -> dict[str, Any]:
        """The bind parameters of the conditions ``shape`` says apply."""
        values: dict[str, Any] = {
            "hub_id": self.hub_id,
            "now": self.now,
            "review_count": self.review_count,
            "cohort_code": self.cohort_code,
            "school_urn": self.school_urn,
            "pattern": search_pattern(self.q),
        }
        values.update({f"status_{i}": status for i, status in enumerate(self.statuses)})
        return values


@dataclass(frozen=True)
class FilterShape:
    hub: bool
    reference_overdue: bool | None
    school_unmatched: bool | None
    review_count: bool
    cohort: bool
    statuses: int
    school_urn: bool
    search: bool


@lru_cache(maxsize=512)
def _list_read(
    shape: FilterShape, sort: str, order: SortOrder, *, after: bool, since: bool
) -> PreparedRead:
    """The list's statement for one shape of filters, sort and page (values as bind
    parameters, named as ``ApplicationFilter.values`` and ``kit.pagination.keyset_page`` name
    them), prepared once (kit.prepared: hub scoping compiled in)."""
    statement: Select[Any] = (
        select(*PAGE_COLUMNS)
        .join(Cohort, Cohort.id == Application.cohort_id)
        .join(Hub, Hub.id == Application.hub_id)
        .outerjoin(School, School.id == Application.school_id)
    )
    if shape.hub:
        statement = statement.where(Application.hub_id == bindparam("hub_id"))
    if shape.reference_overdue is not None:
        overdue = reference_overdue(bindparam("now"))
        statement = statement.where(overdue if shape.reference_overdue else ~overdue)
    if shape.school_unmatched is not None:
        statement = statement.where(
            Application.school_id.is_(None)
            if shape.school_unmatched
            else Application.school_id.is_not(None)
        )
    if shape.review_count:
        reviews = (
            select(func.count(Review.id))
            .where(Review.application_id == Application.id)
            .scalar_subquery()
        )
        statement = statement.where(reviews == bindparam("review_count"))
    if shape.cohort:
        statement = statement.where(in_cohort(bindparam("cohort_code")))
    if shape.statuses:
        statuses: list[BindParameter[Any]] = [
            bindparam(f"status_{i}") for i in range(shape.statuses)
        ]
        statement = statement.where(Application.status.in_(statuses))
    if shape.school_urn:
        statement = statement.where(Application.school_urn == bindparam("school_urn"))
    if shape.search:
        full_name = Application.applicant_first_name + " " + Application.applicant_last_name
        matches = text_search_of(
            bindparam("pattern"), full_name, Application.applicant_email, Application.reference
        )
        statement = statement.where(matches)
    page = keyset_page(
        statement,
        APPLICATION_SORTS[sort],
        descending=order is SortOrder.DESC,
        after=after,
        updated_at=Application.updated_at if since else None,
    )
    return PreparedRead(page)


class ApplicationRepository(Repository[Application]):
    model = Application
    # Everything ApplicationRead shows, in the same query (many-to-one joins).
    load_options = (
        joinedload(Application.cohort),
        joinedload(Application.hub),
        joinedload(Application.school),
    )
    not_found_detail = "No such application."

    async def for_update(self, entity_id: uuid.UUID) -> Application:
        # FOR UPDATE OF applications: PostgreSQL refuses to lock the nullable side of the
        # outer join to schools.
        application = await self.session.scalar(
            self.select().where(Application.id == entity_id).with_for_update(of=Application)
        )
        if application is None:
            raise NotFound(self.not_found_detail)
        return application

    async def list_page(
        self, filters: ApplicationFilter, params: PageParams, sort: str
    ) -> tuple[Rows, str | None]:
        """A page of the list (rows of PAGE_COLUMNS, for ``page_items``) in the sort asked for
        (``APPLICATION_SORTS``; a leading ``-`` descending): one statement prepared per shape
        of filters and sort (kit.prepared), filled with this request's values."""
        wanted = Sort.parse(sort)
        shape = filters.shape()

        def prepare(after: bool, since: bool) -> PreparedRead:
            return _list_read(shape, wanted.key, wanted.order, after=after, since=since)

        return await prepared_page(
            self.session,
            prepare,
            filters.values(),
            params,
            order_by=APPLICATION_SORTS[wanted.key],
            updated_at=Application.updated_at,
            order=wanted.order,
            sort_key="" if sort == ApplicationSort.SUBMITTED else sort,
        )

    # ── The work queue's counts (applications/work_queue.py) ──

    @staticmethod
    def _in_cohort(cohort_code: str | None) -> list[ColumnElement[bool]]:
        return [in_cohort(cohort_code)] if cohort_code else []

    async def overdue_and_waiting(self, now: datetime, cohort_code: str | None) -> tuple[int, int]:
        """Applications awaiting a reference past its first chaser day, and applications
        waiting on a decision (interview or reserve)."""
        overdue = reference_overdue(now)
        waiting = Application.status.in_(DECISIONS_WAITING)
        row = (
            await self.session.execute(
                select(func.count(case((overdue, 1))), func.count(case((waiting, 1))))
                # From the entity, so kit.tenancy scopes it to the caller's hub.
                .select_from(Application)
                .where(*self._in_cohort(cohort_code))
            )
        ).one()
        return int(row[0]), int(row[1])

    async def complete_by_review_count(self, cohort_code: str | None) -> list[tuple[int, int]]:
        """Complete applications (awaiting review) by how many reviews each has: (reviews,
        applications), fewest reviews first."""
        reviews = (
            select(Application.id, func.count(Review.id).label("reviews"))
            .outerjoin(Review, Review.application_id == Application.id)
            .where(Application.status == ApplicationStatus.COMPLETE, *self._in_cohort(cohort_code))
            .group_by(Application.id)
            .subquery()
        )
        rows = await self.session.execute(
            select(reviews.c.reviews, func.count())
            .group_by(reviews.c.reviews)
            .order_by(reviews.c.reviews)
        )
        return [(int(reviews_), int(count)) for reviews_, count in rows]

    async def count_by_status(self, cohort_code: str | None) -> dict[ApplicationStatus, int]:
        rows = await self.session.execute(
            select(Application.status, func.count())
            .where(*self._in_cohort(cohort_code))
            .group_by(Application.status)
        )
        return {status: int(count) for status, count in rows}

    @staticmethod
    def page_items(rows: Rows, now: datetime) -> list[dict[str, Any]]:
        """ApplicationRead's fields for rows of PAGE_COLUMNS (each read once into a namespace:
        a row's attributes are several times slower to read than an object's)."""
        from masteryhub.applications.schemas import ApplicationRead

        items = []
        for row in rows:
            a = SimpleNamespace(**row)
            school = None
            if a.school_id is not None:
                school = {
                    "id": a.school_id,
                    "urn": a.school_urn_,
                    "name": a.school_name,
                    "phase_name": a.school_phase_name,
                    "la_name": a.school_la_name,
                }
            cohort = {"id": a.cohort_id, "code": a.cohort_code, "name": a.cohort_name}
            hub = {"id": a.hub_id, "code": a.hub_code, "name": a.hub_name}
            items.append(ApplicationRead.fields_of(a, cohort, hub, school, now))
        return items

    async def reference_resends_of(self, application_id: uuid.UUID) -> list[AuditEvent]:
        """The trail's record of each reference link re-sent by hand (who sent it where),
        oldest first: one indexed join of the audit events to the application's links."""
        return list(
            await self.session.scalars(
                select(AuditEvent)
                .join(ReferenceRequest, ReferenceRequest.id == AuditEvent.entity_id)
                .where(
                    ReferenceRequest.application_id == application_id,
                    AuditEvent.entity_type == ReferenceRequest.__tablename__,
                    AuditEvent.action == "reference_request.created",
                )
                .order_by(AuditEvent.created_at, AuditEvent.id)
            )
        )

    async def of_applicant(self, address: str) -> list[Application]:
        """Applications made from this email ADDRESS (lower case), by id."""
        return await self._with_email(Application.applicant_email, address)

    async def of_headteacher(self, address: str) -> list[Application]:
        """Applications whose headteacher has this email ADDRESS (lower case), by id."""
        return await self._with_email(Application.headteacher_email, address)

    async def _with_email(self, column: Any, address: str) -> list[Application]:
        statement = self.select().where(func.lower(column) == address).order_by(Application.id)
        return list(await self.session.scalars(statement))

    async def notes_on(
        self, application_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[ApplicationNote]]:
        """The notes on these applications, by application, oldest first (one query)."""
        found: dict[uuid.UUID, list[ApplicationNote]] = {}
        if not application_ids:
            return found
        for note in await self.session.scalars(
            select(ApplicationNote)
            .where(ApplicationNote.application_id.in_(application_ids))
            .order_by(ApplicationNote.id)
        ):
            found.setdefault(note.application_id, []).append(note)
        return found

    async def notes_page(
        self, application_id: uuid.UUID, params: PageParams
    ) -> tuple[list[ApplicationNote], str | None]:
        """One page of the application's notes, oldest first."""
        return await paginate(
            self.session,
            select(ApplicationNote).where(ApplicationNote.application_id == application_id),
            params,
            order_by=[ApplicationNote.id],
            updated_at=ApplicationNote.updated_at,
        )

    async def locked_many(
        self, application_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, Application]:
        """These applications (those the caller can see), locked for the transaction."""
        statement = (
            self.select().where(Application.id.in_(application_ids)).with_for_update(of=Application)
        )
        return {a.id: a for a in await self.session.scalars(statement)}

    async def appointed_in_hub(self, cohort_id: uuid.UUID, hub_id: uuid.UUID) -> int | None:
        return await self.session.scalar(
            select(func.count())
            .select_from(Application)
            .where(
                Application.cohort_id == cohort_id,
                Application.hub_id == hub_id,
                Application.status == ApplicationStatus.APPOINTED,
            )
        )

    async def appointed_by_hub(self, cohort_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """Appointed in the cohort, by hub, over every hub: figures only, no other hub's
        records."""
        appointed = (
            select(Application.hub_id, func.count())
            .where(
                Application.cohort_id == cohort_id,
                Application.status == ApplicationStatus.APPOINTED,
            )
            .group_by(Application.hub_id)
            .execution_options(all_hubs=True)
        )
        rows = (await self.session.execute(appointed)).all()
        return dict(rows)

    async def status_counts(self, cohort_code: str | None) -> dict[ApplicationStatus, int]:
        """How many applications stand at each status (of one cohort, when given); one
        GROUP BY, statuses with none left out."""
        statement = select(Application.status, func.count(Application.id)).group_by(
            Application.status
        )
        if cohort_code:
            statement = statement.join(Cohort, Cohort.id == Application.cohort_id).where(
                Cohort.code == cohort_code
            )
        return {
            ApplicationStatus(status): count
            for status, count in await self.session.execute(statement)
        }

    async def next_number(self, cohort_id: uuid.UUID) -> int:
        """The cohort's next application number, unique under concurrency: the counter row is
        advanced by one UPDATE … RETURNING, which holds its row lock until the transaction
        ends."""
        advance = (
            update(ApplicationSequence)
            .where(ApplicationSequence.cohort_id == cohort_id)
            .values(last=ApplicationSequence.last + 1)
            .returning(ApplicationSequence.last)
            .execution_options(synchronize_session=False)
        )
        number = (await self.session.execute(advance)).scalar_one_or_none()
        if number is None:  # the cohort's first application: create the counter, then advance
            dialect_insert = (
                postgresql.insert if dialect_name(self.session) == "postgresql" else sqlite.insert
            )
            await self.session.execute(
                dialect_insert(ApplicationSequence)
                .values(cohort_id=cohort_id, last=0)
                .on_conflict_do_nothing(index_elements=["cohort_id"])
            )
            number = (await self.session.execute(advance)).scalar_one()
        return int(number)

    async def interview_of(self, application_id: uuid.UUID) -> Interview | None:
        return await self.session.scalar(
            select(Interview).where(Interview.application_id == application_id)
        )

    async def review_by(self, application_id: uuid.UUID, reviewer_id: uuid.UUID) -> Review | None:
        return await self.session.scalar(
            select(Review).where(
                Review.application_id == application_id, Review.reviewer_id == reviewer_id
            )
        )

    async def review(self, application_id: uuid.UUID, review_id: uuid.UUID) -> Review:
        review = await self.session.scalar(
            select(Review).where(Review.id == review_id, Review.application_id == application_id)
        )
        if review is None:
            raise NotFound("No such review.")
        return review

    async def move_dependents(self, application_ids: list[uuid.UUID], to_hub: Any) -> None:
        """``to_hub``: a hub id, or a SQL expression correlated on the dependent's
        application."""
        for model in DEPENDENTS:
            await self.session.execute(
                update(model)
                .where(model.application_id.in_(application_ids))
                .values(hub_id=to_hub)
                .execution_options(synchronize_session=False, all_hubs=True)
            )

    async def with_programme(self, application: Application) -> None:
        """Screening needs the cohort's programme (``select()`` loads the cohort alone)."""
        programme = await self.session.get(Programme, application.cohort.programme_id)
        set_committed_value(application.cohort, "programme", programme)

    async def reviews_of(self, application_id: uuid.UUID) -> list[Review]:
        return list(
            await self.session.scalars(
                select(Review)
                .where(Review.application_id == application_id)
                .order_by(Review.created_at, Review.id)
            )
        )


class SchoolMatchingRepository:
    """The set-based statements that match every hub's unmatched applications to the schools
    a GIAS import brought in: a constant number, however many applications match."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def candidates(self, decided: Sequence[str]) -> dict[uuid.UUID, uuid.UUID]:
        """Applications not yet at one of the DECIDED statuses, with no school and a URN
        that is now a school's, with their hub before the move."""
        rows = await self.session.execute(
            select(_applications.c.id, _applications.c.hub_id).where(
                _applications.c.school_id.is_(None),
                _applications.c.school_urn.is_not(None),
                _applications.c.status.not_in(decided),
                exists().where(School.urn == _applications.c.school_urn),
            )
        )
        return dict(rows.all())

    async def match(self, ids: list[uuid.UUID], now: datetime) -> None:
        """Match and route them all: each to its school, and its school's hub if it has one."""
        school_for = select(School.id).where(School.urn == _applications.c.school_urn)
        hub_for = select(School.hub_id).where(School.urn == _applications.c.school_urn)
        await self.session.execute(
            update(_applications)
            .where(_applications.c.id.in_(ids), _applications.c.school_id.is_(None))
            .values(
                school_id=school_for.scalar_subquery(),
                hub_id=func.coalesce(hub_for.scalar_subquery(), _applications.c.hub_id),
                version=_applications.c.version + 1,
                updated_at=now,
            )
        )

    async def matched(
        self, ids: list[uuid.UUID]
    ) -> Sequence[tuple[Application, School, ProgrammeCode, uuid.UUID]]:
        """What screening needs of them, re-read after the match."""
        rows = await self.session.execute(
            select(Application, School, Programme.code, Application.hub_id)
            .join(School, School.id == Application.school_id)
            .join(Cohort, Cohort.id == Application.cohort_id)
            .join(Programme, Programme.id == Cohort.programme_id)
            .where(Application.id.in_(ids))
            .execution_options(all_hubs=True, populate_existing=True)
        )
        return rows.all()

    async def set_screening(self, flags: list[dict[str, Any]]) -> None:
        """One executemany: each ``application_id``'s ``new_screening``."""
        await self.session.execute(
            update(_applications)
            .where(_applications.c.id == bindparam("application_id"))
            .values(screening=bindparam("new_screening")),
            flags,
        )

    async def dependents_follow(self, ids: list[uuid.UUID]) -> None:
        """Rows hung on the applications take their application's (new) hub."""
        for model in DEPENDENTS:
            table = cast(Table, model.__table__)
            await self.session.execute(
                update(table)
                .where(table.c.application_id.in_(ids))
                .values(
                    hub_id=select(_applications.c.hub_id)
                    .where(_applications.c.id == table.c.application_id)
                    .scalar_subquery()
                )
            )

    async def append_events(self, events: list[dict[str, Any]]) -> None:
        """One executemany of audit events."""
        await self.session.execute(insert(cast(Table, AuditEvent.__table__)), events)
