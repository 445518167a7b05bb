"""The headteacher confirms the release days their school gave, once a term.

**The termly pass** (``masteryhub worker`` hourly, ``masteryhub send-release-confirmations``
by hand): for every term whose asking day has come (``domain/terms.py``), each school with
release days worked in it that no head has been asked about gets ONE request — the lines are
those days (specialist, date, activity, days) — emailed to the school's head
(``school_contacts``) with a single-use link ``{base_url}/confirm-release/{token}`` (SHA-256 at
rest, ``LINK_DAYS`` valid). The request's unique key (hub, school, year, term, sequence) is the
claim: two workers never send the same request. A school without a head email is left for the
hub lead's queue ("no headteacher email on record") and asked once one is set.

**Days recorded later** in a term already asked about go into a follow-up request (sequence
2, 3, …), sent by the pass once the earlier request is answered or has expired — never while
one is open, so a head has one live request per term.

**Chasers**: an unanswered request is chased on ``CHASER_DAYS`` after it was sent with a fresh
link (the first keeps working); the chaser log (unique per request and day) means each chaser
goes once, even with two workers.

**Answering** (public): every line confirmed or disputed (a dispute needs a comment), once;
the link is then spent (410). Disputes wait in the hub lead's queue, who reverses the entry
(the ledger's reversal) or upholds it with a note.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

import structlog
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from masteryhub.auth.principals import Principal
from masteryhub.domain.academic_year import london_date
from masteryhub.domain.activities import Activity
from masteryhub.domain.terms import Term, TermName, term, term_of, terms_to_ask
from masteryhub.errors import FieldError, NotFound, ValidationFailed
from masteryhub.kit import audit
from masteryhub.kit.passes import run_every, run_once
from masteryhub.kit.public_links import claim_once, hash_token, new_token
from masteryhub.mail import queue_email
from masteryhub.mail.rendering import format_date
from masteryhub.models.base import utcnow, uuid7
from masteryhub.models.hub import Hub
from masteryhub.models.release_confirmation import (
    DisputeResolution,
    LineAnswer,
    ReleaseConfirmation,
    ReleaseConfirmationChaser,
    ReleaseConfirmationLine,
    ReleaseConfirmationLink,
)
from masteryhub.release_confirmations.errors import (
    ConfirmationAlreadyAnswered,
    ConfirmationAnswered,
    ConfirmationLinkExpired,
    ConfirmationLinkNotFound,
    NoHeadEmail,
    NotDisputed,
)
from masteryhub.release_confirmations.repository import (
    LineDetail,
    ReleaseConfirmationRepository,
)
from masteryhub.release_confirmations.schemas import (
    ConfirmationAnswer,
    ConfirmationState,
    DisputeResolutionWrite,
)
from masteryhub.release_days.schemas import ReversalCreate
from masteryhub.release_days.service import reverse_entry
from masteryhub.school_contacts.service import HeadContact, head_of, heads_of

log = structlog.get_logger(__name__)

HEADTEACHER = "headteacher (release confirmation link)"
WORKER = "termly release confirmations"
# The page a head opens; it calls GET/POST /api/v1/release-confirmation-links/{token}.
CONFIRM_PAGE = "/confirm-release/{token}"
LINK_DAYS = 28
CHASER_DAYS = (7, 14)
CHASER_LINK_MINIMUM = timedelta(days=7)
# The pass is due on a term's asking day; hourly is prompt enough.
PASS_INTERVAL_SECONDS = 60 * 60


def confirm_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + CONFIRM_PAGE.format(token=token)


def days_words(half_days: int) -> str:
    """½ day, 1 day, 1½ days."""
    whole, half = divmod(abs(half_days), 2)
    number = (str(whole) if whole else "") + ("½" if half else "")
    return f"{number} day" if abs(half_days) <= 2 else f"{number} days"


def activity_label(activity: str | None) -> str:
    if activity is None:
        return "Release time"
    try:
        return Activity(activity).label
    except ValueError:
        return activity


def state_of(confirmation: ReleaseConfirmation, now: datetime) -> ConfirmationState:
    if confirmation.answered_at is not None:
        return ConfirmationState.ANSWERED
    if confirmation.expires_at <= now:
        return ConfirmationState.EXPIRED
    return ConfirmationState.AWAITING


def term_of_request(confirmation: ReleaseConfirmation) -> Term:
    return term(confirmation.academic_year, TermName(confirmation.term))


# ── emails ───────────────────────────────────────────────────────────────────────────────────


async def _email(
    session: AsyncSession,
    confirmation: ReleaseConfirmation,
    hub: Hub,
    lines: Sequence[LineDetail],
    *,
    token: str,
    expires_at: datetime,
    base_url: str,
    reminder: bool,
) -> None:
    await queue_email(
        session,
        to=confirmation.sent_to,
        template="release_confirmation_reminder" if reminder else "release_confirmation_request",
        context={
            "headteacher_name": confirmation.headteacher_name or "Headteacher",
            "school_name": confirmation.school.name,
            "hub_name": hub.name,
            "term_label": term_of_request(confirmation).label,
            "lines": [
                {
                    "specialist": line.specialist_name,
                    "date": format_date(line.worked_on),
                    "activity": activity_label(line.activity),
                    "days": days_words(line.half_days),
                }
                for line in lines
            ],
            "confirm_url": confirm_url(base_url, token),
            "link_expires_at": expires_at,
        },
        hub_id=confirmation.hub_id,
    )


async def _new_link(
    session: AsyncSession, confirmation: ReleaseConfirmation, expires_at: datetime, now: datetime
) -> str:
    token, token_hash = new_token()
    session.add(
        ReleaseConfirmationLink(
            hub_id=confirmation.hub_id,
            confirmation_id=confirmation.id,
            token_hash=token_hash,
            expires_at=expires_at,
            created_at=now,
        )
    )
    confirmation.expires_at = expires_at
    await session.flush()
    return token


# ── the termly pass ──────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Pending:
    """A school's unasked release days in a term, and who would be asked."""

    term: Term
    hub_id: uuid.UUID
    school_id: uuid.UUID
    entry_ids: list[uuid.UUID]
    head: HeadContact | None


async def pending(
    session: AsyncSession, now: datetime, *, all_hubs: bool, terms: list[Term] | None = None
) -> list[Pending]:
    """Every (term, hub, school) with release days to ask about now (or in ``terms``), in three
    queries (the terms are contiguous, so one date range covers them)."""
    asked = terms if terms is not None else terms_to_ask(now)
    if not asked:
        return []
    grouped: dict[tuple[Term, uuid.UUID, uuid.UUID], list[uuid.UUID]] = defaultdict(list)
    for entry_id, hub_id, school_id, worked_on in await ReleaseConfirmationRepository(
        session
    ).askable_entries(asked[0].starts_on, asked[-1].ends_on, all_hubs=all_hubs):
        grouped[(term_of(worked_on), hub_id, school_id)].append(entry_id)
    heads = await heads_of(session, list({(hub, school) for _, hub, school in grouped}))
    return [
        Pending(t, hub, school, ids, heads.get((hub, school)))
        for (t, hub, school), ids in grouped.items()
    ]


async def ask(session: AsyncSession, item: Pending, now: datetime, *, base_url: str) -> bool:
    """Send the school's head the request for the term, unless one is open or another worker
    sent it; True when this call sent it."""
    if item.head is None or item.head.email is None:
        return False
    repository = ReleaseConfirmationRepository(session)
    earlier = await repository.of_school_term(
        item.hub_id, item.school_id, item.term.academic_year, item.term.name
    )
    if any(state_of(c, now) is ConfirmationState.AWAITING for c in earlier):
        return False  # the head has a live request: later days wait for the follow-up
    confirmation_id = uuid7()
    expires_at = now + timedelta(days=LINK_DAYS)
    claimed = await claim_once(
        session,
        ReleaseConfirmation,
        {
            "id": confirmation_id,
            "hub_id": item.hub_id,
            "school_id": item.school_id,
            "academic_year": item.term.academic_year,
            "term": item.term.name.value,
            "sequence": max((c.sequence for c in earlier), default=0) + 1,
            "headteacher_name": item.head.name,
            "sent_to": item.head.email,
            "sent_at": now,
            "expires_at": expires_at,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        },
        unique=["hub_id", "school_id", "academic_year", "term", "sequence"],
    )
    if not claimed:
        return False
    confirmation = await repository.loaded(confirmation_id)
    session.add_all(
        ReleaseConfirmationLine(
            hub_id=item.hub_id, confirmation_id=confirmation.id, entry_id=entry_id
        )
        for entry_id in item.entry_ids
    )
    await _send_link(session, confirmation, expires_at, now, base_url=base_url, reminder=False)
    await audit.record(
        session,
        None,
        "release_confirmation.sent",
        confirmation,
        after=audit.snapshot(confirmation) | {"lines": len(item.entry_ids)},
        actor_label=WORKER,
    )
    return True


async def _send_link(
    session: AsyncSession,
    confirmation: ReleaseConfirmation,
    expires_at: datetime,
    now: datetime,
    *,
    base_url: str,
    reminder: bool,
) -> None:
    """A new link to the request (earlier ones die), emailed to the head with its lines."""
    token = await _new_link(session, confirmation, expires_at, now)
    hub = await session.get(Hub, confirmation.hub_id)
    assert hub is not None
    await _email(
        session,
        confirmation,
        hub,
        await ReleaseConfirmationRepository(session).line_details(confirmation.id),
        token=token,
        expires_at=expires_at,
        base_url=base_url,
        reminder=reminder,
    )


async def chase(session: AsyncSession, now: datetime, *, base_url: str) -> int:
    """Chase unanswered requests on CHASER_DAYS; returns how many chasers went."""
    repository = ReleaseConfirmationRepository(session)
    sent = 0
    for confirmation in await repository.due_for_chasing():
        age = now - confirmation.sent_at
        claimed = [
            day
            for day in CHASER_DAYS
            if age >= timedelta(days=day)
            and await claim_once(
                session,
                ReleaseConfirmationChaser,
                {
                    "id": uuid7(),
                    "hub_id": confirmation.hub_id,
                    "confirmation_id": confirmation.id,
                    "day": day,
                    "sent_at": now,
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                },
                unique=["confirmation_id", "day"],
            )
        ]
        if not claimed:
            continue
        expires_at = max(confirmation.expires_at, now + CHASER_LINK_MINIMUM)
        await _send_link(session, confirmation, expires_at, now, base_url=base_url, reminder=True)
        await audit.record(
            session,
            None,
            "release_confirmation.chased",
            confirmation,
            after={"days": claimed},
            actor_label=WORKER,
        )
        sent += 1
    return sent


async def send_due_confirmations(
    session: AsyncSession, now: datetime, *, base_url: str, include_current_term: bool = False
) -> int:
    """One pass: termly requests and follow-ups, then chasers; how many emails were queued.
    Safe to run concurrently (the unique keys are the claims). ``include_current_term`` also
    asks about the term in progress before its asking day (by hand: a school leaving the
    programme mid-term, a head leaving)."""
    terms = terms_to_ask(now)
    current = term_of(london_date(now))
    if include_current_term and current not in terms:
        terms.append(current)
    sent = 0
    for item in await pending(session, now, all_hubs=True, terms=terms):
        if await ask(session, item, now, base_url=base_url):
            sent += 1
    return sent + await chase(session, now, base_url=base_url)


async def confirm_once(
    sessionmaker: async_sessionmaker[AsyncSession], *, now: datetime, base_url: str
) -> int:
    """One pass in its own transaction."""
    return await run_once(sessionmaker, partial(send_due_confirmations, base_url=base_url), now=now)


async def confirmation_loop(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    base_url: str,
    every_seconds: float = PASS_INTERVAL_SECONDS,
) -> None:
    """Run by ``masteryhub worker`` beside the email dispatcher until cancelled."""
    await run_every(
        sessionmaker,
        partial(send_due_confirmations, base_url=base_url),
        seconds=every_seconds,
        what="release confirmations",
    )


# ── the head's link ──────────────────────────────────────────────────────────────────────────


async def open_link(
    session: AsyncSession, token: str, now: datetime, *, lock: bool = False
) -> tuple[ReleaseConfirmationLink, ReleaseConfirmation]:
    """The link and its request, or the problem that says why it cannot be used."""
    repository = ReleaseConfirmationRepository(session)
    link = await repository.link(hash_token(token), lock=lock)
    if link is None:
        raise ConfirmationLinkNotFound(
            "Check the link in the email; if it still does not work, ask the Maths Hub to "
            "send a new one."
        )
    confirmation = await repository.confirmation_for(link.confirmation_id, lock=lock)
    if confirmation.answered_at is not None:
        raise ConfirmationAnswered("Thank you: these release days have already been answered.")
    if link.revoked_at is not None:
        raise ConfirmationLinkExpired("A newer link has been sent: please use the latest email.")
    if link.expires_at <= now:
        raise ConfirmationLinkExpired("Ask the Maths Hub to send a new link.")
    return link, confirmation


async def answer(
    session: AsyncSession, token: str, data: ConfirmationAnswer, now: datetime
) -> tuple[ReleaseConfirmation, int, int]:
    """Record the head's answer to every line, once; (request, confirmed, disputed)."""
    _, confirmation = await open_link(session, token, now, lock=True)
    lines = {
        line.id: line
        for line in await ReleaseConfirmationRepository(session).lines_of(
            confirmation.id, lock=True
        )
    }
    errors: list[FieldError] = []
    seen: set[uuid.UUID] = set()
    for index, given in enumerate(data.answers):
        if given.line_id not in lines:
            errors.append(
                FieldError(
                    field=f"answers.{index}.line_id",
                    message="This line is not one of the days listed.",
                )
            )
        elif given.line_id in seen:
            errors.append(
                FieldError(field=f"answers.{index}.line_id", message="Each day is answered once.")
            )
        seen.add(given.line_id)
        if given.answer is LineAnswer.DISPUTED and not (given.comment or "").strip():
            errors.append(
                FieldError(
                    field=f"answers.{index}.comment",
                    message="Say what was not as listed, so the Maths Hub can put it right.",
                )
            )
    if not errors and len(seen) != len(lines):
        errors.append(FieldError(field="answers", message="Confirm or dispute every day listed."))
    if errors:
        raise ValidationFailed(errors=errors)
    before = audit.snapshot(confirmation)
    for given in data.answers:
        line = lines[given.line_id]
        line.answer = given.answer
        line.comment = (given.comment or "").strip() or None
    confirmation.answered_at = now
    confirmation.answered_by_name = data.name or confirmation.headteacher_name
    await session.execute(
        update(ReleaseConfirmationLink)
        .where(
            ReleaseConfirmationLink.confirmation_id == confirmation.id,
            ReleaseConfirmationLink.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    disputed = sum(1 for g in data.answers if g.answer is LineAnswer.DISPUTED)
    await audit.record(
        session,
        None,
        "release_confirmation.answered",
        confirmation,
        before=before,
        actor_label=HEADTEACHER,
    )
    return confirmation, len(lines) - disputed, disputed


# ── the hub lead ─────────────────────────────────────────────────────────────────────────────


async def resend(
    session: AsyncSession, actor: Principal, confirmation_id: uuid.UUID, *, base_url: str
) -> ReleaseConfirmation:
    """A new link to the school's head as on record now (the hub may have corrected it); the
    open links die."""
    repository = ReleaseConfirmationRepository(session)
    confirmation = await repository.get(confirmation_id)
    confirmation = await repository.confirmation_for(confirmation.id, lock=True)
    if confirmation.answered_at is not None:
        raise ConfirmationAlreadyAnswered(
            "The headteacher has already answered this request, so there is nothing to resend."
        )
    head = await head_of(session, confirmation.hub_id, confirmation.school_id)
    if head.email is None:
        raise NoHeadEmail(
            "There is no headteacher email on record for this school. Add one on the "
            "school's page first."
        )
    now = utcnow()
    before = audit.snapshot(confirmation)
    await session.execute(
        update(ReleaseConfirmationLink)
        .where(
            ReleaseConfirmationLink.confirmation_id == confirmation.id,
            ReleaseConfirmationLink.revoked_at.is_(None),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    confirmation.sent_to = head.email
    confirmation.headteacher_name = head.name
    expires_at = now + timedelta(days=LINK_DAYS)
    await _send_link(session, confirmation, expires_at, now, base_url=base_url, reminder=False)
    await audit.record(session, actor, "release_confirmation.resent", confirmation, before=before)
    return confirmation


async def resolve(
    session: AsyncSession,
    actor: Principal,
    confirmation_id: uuid.UUID,
    line_id: uuid.UUID,
    data: DisputeResolutionWrite,
) -> ReleaseConfirmation:
    repository = ReleaseConfirmationRepository(session)
    confirmation = await repository.get(confirmation_id)
    line = await repository.line(confirmation.id, line_id)
    if line is None:
        raise NotFound("No such line on this confirmation request.")
    if line.answer is not LineAnswer.DISPUTED or line.resolved_at is not None:
        raise NotDisputed(
            "This day is not an open dispute: only a day the headteacher disputed, and nobody "
            "has resolved, can be resolved."
        )
    before = audit.snapshot(line)
    if data.resolution is DisputeResolution.REVERSED:
        await reverse_entry(
            session,
            actor,
            line.entry.specialist_id,
            line.entry_id,
            ReversalCreate(reason=f"Disputed by the school's headteacher: {data.note}"),
        )
    line.resolution = data.resolution
    line.resolution_note = data.note
    line.resolved_at = utcnow()
    line.resolved_by_id = actor.id
    line.resolved_by_label = actor.label
    await audit.record(session, actor, "release_confirmation_line.resolved", line, before=before)
    return confirmation


async def schools_without_head_email(session: AsyncSession, now: datetime) -> int:
    """How many of the caller's hub's schools have release days to confirm and nobody to ask."""
    return len(
        {
            (p.hub_id, p.school_id)
            for p in await pending(session, now, all_hubs=False)
            if p.head is None
        }
    )
