"""Every query of the users area."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, func, or_, select, update

from masteryhub.kit.repository import Repository
from masteryhub.kit.search import text_search
from masteryhub.models.user import Role, User
from masteryhub.users.schemas import UserStatus


class UserRepository(Repository[User]):
    model = User
    not_found_detail = "No such user."

    async def by_email(self, email: str) -> User | None:
        # Uniqueness is national: look across hubs, whoever asks.
        return await self.session.scalar(
            select(User).where(User.email == email.lower()).execution_options(all_hubs=True)
        )

    async def with_address(self, address: str) -> User | None:
        """The person in the caller's hub with this email ADDRESS (lower case), compared
        case-insensitively."""
        return await self.session.scalar(select(User).where(func.lower(User.email) == address))

    async def any_hub(self, user_id: uuid.UUID) -> User | None:
        """The person, whichever hub they are in (a national admin's row has none): for
        sign-in, links and the names written on records, not for showing to the caller."""
        return await self.session.scalar(
            select(User).where(User.id == user_id).execution_options(all_hubs=True)
        )

    async def name_of(self, user_id: uuid.UUID) -> str | None:
        return await self.session.scalar(
            select(User.name).where(User.id == user_id).execution_options(all_hubs=True)
        )

    async def spend_totp_step(self, user: User, step: int) -> bool:
        """Record STEP as the person's last accepted one-time code, if it is newer than the
        last: atomic, so two concurrent uses of one code cannot both pass. USER is refreshed."""
        result = await self.session.execute(
            update(User)
            .where(
                User.id == user.id,
                or_(User.totp_last_step.is_(None), User.totp_last_step < step),
            )
            .values(totp_last_step=step, version=User.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        await self.session.refresh(user)
        return True

    def filtered(
        self,
        *,
        q: str | None = None,
        role: Role | None = None,
        hub_id: uuid.UUID | None = None,
        is_active: bool | None = None,
        status: UserStatus | None = None,
    ) -> Select[User]:
        statement = self.select()
        if (matches := text_search(q, User.name, User.email)) is not None:
            statement = statement.where(matches)
        if role is not None:
            statement = statement.where(User.role == role)
        if hub_id is not None:
            statement = statement.where(User.hub_id == hub_id)
        if is_active is not None:
            statement = statement.where(User.is_active == is_active)
        if status == "deactivated":
            statement = statement.where(User.is_active.is_(False))
        elif status == "invited":
            statement = statement.where(User.is_active.is_(True), User.password_hash.is_(None))
        elif status == "active":
            statement = statement.where(User.is_active.is_(True), User.password_hash.is_not(None))
        return statement
