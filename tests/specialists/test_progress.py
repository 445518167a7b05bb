"""Progress against expectations, read from residential attendance, TRG meetings, work groups
and the ledger."""

from __future__ import annotations

from datetime import date

from httpx import AsyncClient

from masteryhub.models.cohort import DeliveryMode
from masteryhub.models.programme import ProgrammeCode
from masteryhub.models.residential_attendance import AttendanceStatus, ResidentialAttendance
from masteryhub.models.trg_meeting import TrgMeeting, TrgMeetingKind
from masteryhub.models.user import Role
from masteryhub.models.work_group import WorkGroup, WorkGroupLead, WorkGroupPhase
from tests.factories import Factory
from tests.queries import count_queries
from tests.specialists.delivery_data import DeliveryData


async def test_progress_counts_the_years_activity(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    staff = await factory.caller(Role.HUB_STAFF, hub)
    cohort = await delivery.cohort("2020/21")
    specialist = await delivery.specialist(hub, cohort, await delivery.school())
    colleague = await delivery.specialist(hub, cohort, await delivery.school())
    autumn, winter, _summer, next_year = [
        await delivery.residential(cohort, day)
        for day in (date(2020, 11, 19), date(2021, 2, 4), date(2021, 6, 17), date(2021, 11, 18))
    ]
    await factory.add(
        *[
            ResidentialAttendance(
                hub_id=hub.id, residential_id=r.id, specialist_id=specialist.id, status=status
            )
            for r, status in [
                (autumn, AttendanceStatus.ATTENDED),
                (winter, AttendanceStatus.EXCUSED),
                (next_year, AttendanceStatus.ATTENDED),
            ]
        ]
    )

    def trg(kind: TrgMeetingKind, held_on: date, lead_id: object = specialist.id) -> TrgMeeting:
        return TrgMeeting(
            hub_id=hub.id,
            kind=kind,
            lead_specialist_id=lead_id,
            held_on=held_on,
            mode=DeliveryMode.IN_PERSON,
        )

    await factory.add(
        trg(TrgMeetingKind.SCHOOL, date(2020, 10, 7)),
        trg(TrgMeetingKind.SCHOOL, date(2021, 8, 31)),
        trg(TrgMeetingKind.SCHOOL, date(2021, 9, 1)),  # next academic year
        trg(TrgMeetingKind.PILOT, date(2021, 3, 3)),
        trg(TrgMeetingKind.SCHOOL, date(2020, 10, 7), colleague.id),
    )
    work_group = WorkGroup(
        hub_id=hub.id,
        code="WG-21-01",
        title="Developing TfM",
        phase=WorkGroupPhase.DEVELOP,
        programme=ProgrammeCode.PRIMARY,
        academic_year="2021/22",
    )
    await factory.add(work_group)
    await factory.add(
        WorkGroupLead(hub_id=hub.id, work_group_id=work_group.id, specialist_id=specialist.id)
    )
    url = f"/api/v1/specialists/{specialist.id}"
    await client.post(
        f"{url}/release-days",
        json={"date": "2020-11-19", "days": 2.5, "activity": "residential"},
        headers=staff.headers,
    )

    with count_queries(factory.app) as statements:
        year_one = await client.get(
            f"{url}/progress", params={"academic_year": "2020/21"}, headers=staff.headers
        )
    assert year_one.status_code == 200, year_one.text
    assert len(statements) <= 6  # principal, specialist, counts, year rule, ledger totals
    body = year_one.json()
    assert body["programme_year"] == 1
    assert body["residentials"] == {
        "expected": 3,
        "attended": 1,
        "excused": 1,
        "absent": 0,
        "not_recorded": 1,
    }
    assert body["trg_meetings"] == {
        "school_trgs_held": 2,
        "pilot_trg_expected": True,
        "pilot_trgs_held": 1,
    }
    assert body["work_groups"] == {"expected": False, "led": 0}
    assert body["release_days"] == {
        "entitlement_days": 15,
        "used_days": 2.5,
        "remaining_days": 12.5,
    }
    assert body["accreditation"]["status"] == "not_started"

    year_two = (
        await client.get(
            f"{url}/progress", params={"academic_year": "2021/22"}, headers=staff.headers
        )
    ).json()
    assert year_two["programme_year"] == 2
    assert year_two["residentials"]["expected"] == 1 and year_two["residentials"]["attended"] == 1
    assert year_two["trg_meetings"]["school_trgs_held"] == 1
    assert year_two["trg_meetings"]["pilot_trg_expected"] is False
    assert year_two["work_groups"] == {"expected": True, "led": 1}
    assert year_two["release_days"]["entitlement_days"] == 33


async def test_progress_is_the_specialists_own_and_the_hubs(
    client: AsyncClient, factory: Factory, delivery: DeliveryData
) -> None:
    hub = await factory.hub()
    cohort = await delivery.cohort()
    me = await delivery.specialist_caller(hub)
    mine = await delivery.specialist(hub, cohort, user=me)
    theirs = await delivery.specialist(hub, cohort)
    outsider = await factory.caller(Role.HUB_LEAD, await factory.hub())
    machine = await factory.api_client(hub, ["delivery:read"])

    assert (
        await client.get(f"/api/v1/specialists/{mine.id}/progress", headers=me.headers)
    ).status_code == 200
    assert (
        await client.get(f"/api/v1/specialists/{theirs.id}/progress", headers=me.headers)
    ).status_code == 404
    assert (
        await client.get(f"/api/v1/specialists/{mine.id}/progress", headers=outsider.headers)
    ).status_code == 404
    assert (
        await client.get(f"/api/v1/specialists/{mine.id}/progress", headers=machine.headers)
    ).status_code == 200
