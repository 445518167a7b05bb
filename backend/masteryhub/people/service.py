"""Export and erasure of a person's data, found by email address across every hub.

Erasure anonymises in place, so counts, references, specialists (and so any ledger totals)
survive: names become "Erased", email addresses ``erased+<id>@invalid``, statements (the
applicant's, and the headteacher's reference about them), evidence, TRN and phone are
cleared. What copies the data elsewhere is scrubbed too: the audit trail's snapshots of those
records, stored idempotent responses, and outbox emails to or about the person. The erasure
itself is audited with ids only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.applications.repository import ApplicationRepository
from masteryhub.applications.schemas import ApplicationRead, NoteRead
from masteryhub.audit.repository import AuditEventRepository
from masteryhub.auth.principals import Principal
from masteryhub.kit import audit
from masteryhub.models.application import Application
from masteryhub.models.application_note import ApplicationNote
from masteryhub.models.outbound_email import OutboundEmail, OutboundEmailStatus
from masteryhub.models.specialist import Specialist
from masteryhub.models.user import User
from masteryhub.people.repository import PersonDataRepository
from masteryhub.people.schemas import (
    EmailRecord,
    ErasureReport,
    ExportedApplication,
    HeadteacherStatement,
    PersonExport,
    SpecialistRecord,
    UserAccount,
)
from masteryhub.specialists.repository import SpecialistRepository
from masteryhub.users.repository import UserRepository

ERASED = "Erased"
# Columns holding personal data, by table: what the audit trail's snapshots must lose too.
PERSONAL_FIELDS = {
    "applications": frozenset(
        {
            "applicant_first_name",
            "applicant_last_name",
            "applicant_email",
            "applicant_trn",
            "applicant_phone",
            "statement",
            "criteria_evidence",
            # The reference is about the applicant: it goes with them.
            "headteacher_statement",
        }
    ),
    "applications:headteacher": frozenset(
        {"headteacher_name", "headteacher_email", "headteacher_statement"}
    ),
    "specialists": frozenset({"first_name", "last_name", "email"}),
    "users": frozenset({"name", "email"}),
}


def erased_address(record_id: uuid.UUID) -> str:
    return f"erased+{record_id}@invalid"


@dataclass
class Holdings:
    """Everything held about one email address."""

    applications: list[Application] = field(default_factory=list)
    as_headteacher: list[Application] = field(default_factory=list)
    specialists: list[Specialist] = field(default_factory=list)
    user: User | None = None
    emails: list[OutboundEmail] = field(default_factory=list)


async def find(session: AsyncSession, email: str) -> Holdings:
    address = email.strip().lower()
    applications = ApplicationRepository(session)
    return Holdings(
        applications=await applications.of_applicant(address),
        as_headteacher=await applications.of_headteacher(address),
        specialists=await SpecialistRepository(session).with_email(address),
        user=await UserRepository(session).with_address(address),
        emails=await PersonDataRepository(session).emails_to(address),
    )


async def emails_about(
    session: AsyncSession, applications: Sequence[Application]
) -> list[OutboundEmail]:
    """Emails about these applications, whoever they went to: every one names the
    application's reference."""
    return await PersonDataRepository(session).emails_naming([a.reference for a in applications])


def _ids(records: Iterable[Any]) -> list[str]:
    return [str(r.id) for r in records]


def _counts(held: Holdings) -> dict[str, Any]:
    return {
        "applications": _ids(held.applications),
        "headteacher_statements": _ids(held.as_headteacher),
        "specialists": _ids(held.specialists),
        "user": str(held.user.id) if held.user else None,
        "emails": len(held.emails),
    }


async def export(session: AsyncSession, actor: Principal, email: str) -> PersonExport:
    held = await find(session, email)
    notes = await notes_on(session, held.applications)
    # Ids only: the trail must not become another copy of the person's data.
    audit.record_action(
        session,
        actor,
        "person.exported",
        entity_type="person",
        entity_id=None,
        after=_counts(held),
    )
    return PersonExport(
        email=email.strip().lower(),
        applications=[
            ExportedApplication(
                **ApplicationRead.of(a).model_dump(),
                notes=[NoteRead.model_validate(n) for n in notes.get(a.id, [])],
                outcome_reasons=list(a.outcome_reasons),
                outcome_feedback=a.outcome_feedback,
                headteacher_decline_reason=a.headteacher_decline_reason,
            )
            for a in held.applications
        ],
        headteacher_statements=[
            HeadteacherStatement(
                application_id=a.id,
                application_reference=a.reference,
                name=a.headteacher_name,
                email=a.headteacher_email,
                statement=a.headteacher_statement,
                commits_to_release_time=a.headteacher_commits_release_time,
                statement_received_at=a.headteacher_statement_received_at,
            )
            for a in held.as_headteacher
        ],
        specialists=[SpecialistRecord.model_validate(s) for s in held.specialists],
        user=UserAccount.model_validate(held.user) if held.user else None,
        emails=[EmailRecord.model_validate(e) for e in held.emails],
    )


def _redact(snapshot: dict[str, Any] | None, fields: frozenset[str]) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {k: (ERASED if k in fields and v is not None else v) for k, v in snapshot.items()}


async def _scrub_audit_trail(
    session: AsyncSession,
    entities: Sequence[tuple[uuid.UUID, frozenset[str]]],
    user_id: uuid.UUID | None,
) -> int:
    fields_by_id: dict[uuid.UUID, frozenset[str]] = {}
    for entity_id, fields in entities:
        fields_by_id[entity_id] = fields_by_id.get(entity_id, frozenset()) | fields
    events = await AuditEventRepository(session).touching(list(fields_by_id), user_id)
    for event in events:
        fields = fields_by_id.get(event.entity_id or uuid.UUID(int=0), frozenset())
        event.before = _redact(event.before, fields)
        event.after = _redact(event.after, fields)
        if user_id is not None and event.actor_id == user_id:
            event.actor_label = ERASED
    return len(events)


async def _scrub_stored_responses(
    session: AsyncSession, applications: Sequence[Application]
) -> None:
    """Idempotent replays of the intake hold the application as it was: replay it erased."""
    responses = PersonDataRepository(session)
    for application in applications:
        for record in await responses.stored_responses_naming(application.id):
            record.response_body = ApplicationRead.of(application).model_dump(mode="json")


async def notes_on(
    session: AsyncSession, applications: Sequence[Application]
) -> dict[uuid.UUID, list[ApplicationNote]]:
    """The hub's notes on these applications, by application, oldest first (one query)."""
    return await ApplicationRepository(session).notes_on([a.id for a in applications])


async def erase(session: AsyncSession, actor: Principal, email: str) -> ErasureReport:
    held = await find(session, email)
    # Notes are about the applicant: their text goes with the rest of their data.
    for application_notes in (await notes_on(session, held.applications)).values():
        for note in application_notes:
            note.text = ERASED
    for application in held.applications:
        application.applicant_first_name = ERASED
        application.applicant_last_name = ERASED
        application.applicant_email = erased_address(application.id)
        application.applicant_trn = None
        application.applicant_phone = None
        application.statement = ""
        application.criteria_evidence = {}
        application.headteacher_statement = None
        application.outcome_feedback = None
    for application in held.as_headteacher:
        application.headteacher_name = ERASED
        application.headteacher_email = erased_address(application.id)
        application.headteacher_statement = None
        application.headteacher_decline_reason = None
    for specialist in held.specialists:
        specialist.first_name = ERASED
        specialist.last_name = ERASED
        specialist.email = erased_address(specialist.id)
    if held.user is not None:
        held.user.name = ERASED
        held.user.email = erased_address(held.user.id)
        held.user.is_active = False
    own_emails = {e.id for e in held.emails}
    about = [e for e in await emails_about(session, held.applications) if e.id not in own_emails]
    for email_row in [*held.emails, *about]:
        if email_row.id in own_emails:
            email_row.to_address = erased_address(email_row.id)
        email_row.subject = ERASED
        email_row.text_body = ""
        email_row.html_body = ""
        if email_row.status is OutboundEmailStatus.QUEUED:
            email_row.status = OutboundEmailStatus.DEAD
            email_row.last_error = "Recipient erased before delivery."
    await session.flush()
    entities = (
        [(a.id, PERSONAL_FIELDS["applications"]) for a in held.applications]
        + [(a.id, PERSONAL_FIELDS["applications:headteacher"]) for a in held.as_headteacher]
        + [(s.id, PERSONAL_FIELDS["specialists"]) for s in held.specialists]
        + ([(held.user.id, PERSONAL_FIELDS["users"])] if held.user else [])
    )
    scrubbed = await _scrub_audit_trail(session, entities, held.user.id if held.user else None)
    await _scrub_stored_responses(session, held.applications)
    audit.record_action(
        session,
        actor,
        "person.erased",
        entity_type="person",
        entity_id=None,
        after=_counts(held),
    )
    return ErasureReport(
        applications=len(held.applications),
        headteacher_statements=len(held.as_headteacher),
        specialists=len(held.specialists),
        users=1 if held.user else 0,
        emails=len(held.emails) + len(about),
        audit_events=scrubbed,
    )
