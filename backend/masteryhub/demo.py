"""Demo data for `make run`: hubs and one user per role. Idempotent."""

from __future__ import annotations

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.hubs.schemas import HubCreate
from masteryhub.hubs.service import HubRepository, create_hub
from masteryhub.models.user import Role
from masteryhub.users.schemas import UserCreate
from masteryhub.users.service import UserRepository, create_user

DEMO_HUBS = (
    HubCreate(code="north", name="North Star Maths Hub", region="North West"),
    HubCreate(code="south", name="Solent Maths Hub", region="South East"),
)
# (email, password, role, hub code)
DEMO_USERS = (
    ("admin@masteryhub.test", "national-admin-demo", Role.NATIONAL_ADMIN, None),
    ("lead@north.masteryhub.test", "hub-lead-demo", Role.HUB_LEAD, "north"),
    ("staff@north.masteryhub.test", "hub-staff-demo", Role.HUB_STAFF, "north"),
    ("lead@south.masteryhub.test", "hub-lead-demo", Role.HUB_LEAD, "south"),
)
DEMO_LOGINS = [(email, password, role.value) for email, password, role, _ in DEMO_USERS]


async def seed(session: AsyncSession) -> bool:
    """Returns True if anything was created."""
    hubs = HubRepository(session)
    users = UserRepository(session)
    created = False
    for hub_data in DEMO_HUBS:
        if await hubs.by_code(hub_data.code) is None:
            await create_hub(session, None, hub_data)
            created = True
    for email, password, role, hub_code in DEMO_USERS:
        if await users.by_email(email) is not None:
            continue
        hub = await hubs.by_code(hub_code) if hub_code else None
        # Demo passwords are short on purpose; they bypass the minimum-length rule.
        data = UserCreate.model_construct(
            email=email,
            name=email.split("@")[0].title(),
            role=role,
            hub_id=hub.id if hub else None,
            password=SecretStr(password),
        )
        await create_user(session, None, data)
        created = True
    return created
