"""Internal notes on an application: hub staff only, never shown to the applicant or the
headteacher (the reference page reads nothing from here), exported with the application."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.principals import Principal
from masteryhub.kit import audit
from masteryhub.models.application import Application
from masteryhub.models.application_note import ApplicationNote
from masteryhub.users.repository import UserRepository


async def add(
    session: AsyncSession, actor: Principal, application: Application, text: str
) -> ApplicationNote:
    # A national admin's user row has no hub: read across hubs for the author's name.
    author = await UserRepository(session).any_hub(actor.id)
    note = ApplicationNote(
        hub_id=application.hub_id,
        application_id=application.id,
        author_id=actor.id if actor.kind == "user" else None,
        author_name=author.name if author is not None else actor.label,
        text=text,
    )
    session.add(note)
    await session.flush()
    await audit.record(session, actor, "application_note.created", note)
    return note
