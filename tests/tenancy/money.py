"""Hub day rates and the per-entry finance export.

A hub's day rates hang off a national record (a cohort's year rule): every hub writes its own
rates for the same cohort, so a hub caller's `hub_id` is ignored (their own hub, always) and a
national admin names the hub.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from masteryhub.auth.scopes import Scope
from masteryhub.domain.activities import Activity
from masteryhub.models.payment_run import PaymentRun, PaymentRunStatus
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.release_day_entry import (
    EntryKind,
    EntryStatus,
    EvidenceType,
    ReleaseDayEntry,
)
from masteryhub.models.work_group import (
    WorkGroup,
    WorkGroupLead,
    WorkGroupPhase,
    WorkGroupSchool,
    WorkGroupStatus,
)
from tests.factories import Caller, Factory
from tests.tenancy.core import (
    EVERYONE,
    LEADS,
    STAFF,
    Access,
    Builder,
    Declarations,
    HubWorld,
    World,
)

NAMED_HUB = {"hub_id": "{hub_id}"}


def _approved_entry(place: HubWorld, run: PaymentRun | None = None) -> ReleaseDayEntry:
    paid = run is not None and run.status is PaymentRunStatus.COMMITTED
    return ReleaseDayEntry(
        hub_id=place.hub.id,
        specialist_id=place.records["specialist_id"],
        academic_year="2021/22",
        worked_on=date(2021, 10, 5),
        kind=EntryKind.RELEASE_DAYS,
        activity=Activity.SCHOOL_TRG.value,
        half_days=1,
        day_rate_pence=20000,
        amount_pence=10000,
        school_id=place.records["school_id"],
        status=EntryStatus.PAID if paid else EntryStatus.APPROVED,
        recorded_by_id=place.specialist.id,
        recorded_by_label="specialist",
        approved_at=datetime(2021, 10, 20, tzinfo=UTC),
        payment_run_id=run.id if run is not None else None,
        payment_reference=run.reference if paid and run is not None else None,
    )


async def _run(
    factory: Factory, place: HubWorld, status: PaymentRunStatus = PaymentRunStatus.DRAFT
) -> uuid.UUID:
    """A payment run holding one approved (or, committed, paid) entry of the hub's."""
    run = PaymentRun(
        hub_id=place.hub.id,
        reference=f"PR-TEST-{uuid.uuid4().hex[:8].upper()}",
        status=status,
        entry_count=1,
        school_count=1,
        total_pence=10000,
        created_by_label="lead",
    )
    await factory.add(run)
    await factory.add(_approved_entry(place, run))
    return run.id


async def _fresh_run(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    return {"payment_run_id": str(await _run(factory, world.a))}


async def _committed_run(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    return {"payment_run_id": str(await _run(factory, world.a, PaymentRunStatus.COMMITTED))}


async def _proposal(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    entry = _approved_entry(world.a)
    entry.status, entry.approved_at = EntryStatus.PROPOSED, None
    await factory.add(entry)
    return {"entry_id": str(entry.id)}


async def _withdrawn_school_with_paid_grant(
    factory: Factory, world: World, caller: Caller
) -> dict[str, str]:
    """A fresh work group of hub A's whose school withdrew after its grant was paid."""
    place = world.a
    hub_id = place.hub.id
    work_group = WorkGroup(
        hub_id=hub_id,
        code=f"CB-{uuid.uuid4().hex[:8]}",
        title="Clawback Work Group",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year="2021/22",
        status=WorkGroupStatus.RUNNING,
        leads=[WorkGroupLead(hub_id=hub_id, specialist_id=place.records["specialist_id"])],
        schools=[
            WorkGroupSchool(
                hub_id=hub_id,
                school_id=place.records["school_id"],
                withdrawn_on=date(2022, 1, 10),
                participants=[],
            )
        ],
        sessions=[],
    )
    await factory.add(work_group)
    grant = _approved_entry(place)
    grant.kind, grant.activity, grant.half_days, grant.day_rate_pence = (
        EntryKind.GRANT,
        None,
        0,
        None,
    )
    grant.grant_code, grant.amount_pence = "department_support", 200000
    grant.status, grant.payment_reference = EntryStatus.PAID, "PR-PAID"
    grant.evidence_type, grant.evidence_id = EvidenceType.WORK_GROUP, work_group.id
    await factory.add(grant)
    return {"work_group_id": str(work_group.id)}


async def _payable(factory: Factory, world: World, caller: Caller) -> dict[str, str]:
    await factory.add(_approved_entry(world.a))
    return {}


DECLARATIONS = Declarations(
    access={
        "day-rates-list": Access(STAFF),
        "day-rates-get": Access(STAFF),
        "day-rates-put": Access(LEADS),
        "day-rates-delete": Access(LEADS),
        "reports-release-day-entries": Access(STAFF, frozenset({Scope.LEDGER_READ})),
        "release-days-proposals": Access(EVERYONE, frozenset({Scope.LEDGER_READ})),
        "release-days-accept": Access(EVERYONE),
        "release-days-reject": Access(EVERYONE),
        "payment-runs-list": Access(LEADS),
        "payment-runs-create": Access(LEADS),
        "payment-runs-get": Access(LEADS),
        "payment-runs-commit": Access(LEADS),
        "payment-runs-mark-sent": Access(LEADS),
        "payment-runs-void": Access(LEADS),
        "payment-runs-remittance": Access(LEADS),
        "hub-settings-get": Access(STAFF),
        "hub-settings-update": Access(LEADS),
        "work-groups-grants": Access(STAFF),
        "work-groups-recover-grant": Access(LEADS),
    },
    hub_private={
        "hub-settings-get": "a hub's money settings are its own, though hubs are national",
        "hub-settings-update": "a hub's money settings are its own, though hubs are national",
    },
    builders={"payment_run_id": Builder(_run, listed_at="/api/v1/payment-runs")},
    prepare={
        "payment-runs-create": _payable,
        "release-days-accept": _proposal,
        "release-days-reject": _proposal,
        "payment-runs-commit": _fresh_run,
        "payment-runs-void": _fresh_run,
        "payment-runs-mark-sent": _committed_run,
        "work-groups-recover-grant": _withdrawn_school_with_paid_grant,
    },
    queries={
        "day-rates-get": NAMED_HUB,
        "day-rates-put": NAMED_HUB,
        "day-rates-delete": NAMED_HUB,
        "reports-release-day-entries": {"academic_year": "2021/22"},
        "payment-runs-create": NAMED_HUB,
    },
    bodies={
        "day-rates-put": lambda world: {
            "day_rates_pence": {"default": 21000, "work_group_session": 35000}
        },
        "payment-runs-void": lambda world: {"reason": "Built by mistake"},
        "hub-settings-update": lambda world: {"grant_sessions_threshold": 3},
        "work-groups-recover-grant": lambda world: {"reason": "The school withdrew"},
    },
)
