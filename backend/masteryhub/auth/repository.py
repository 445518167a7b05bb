"""Every query of the auth area: refresh tokens (each sign-in's family of them) and recovery
codes. Who signs in is a user (users/repository.py) or an API client
(api_clients/repository.py); the single-use tokens of a sign-in are accounts/repository.py's."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from masteryhub.kit.repository import Repository
from masteryhub.models.account_token import RecoveryCode
from masteryhub.models.base import utcnow
from masteryhub.models.refresh_token import RefreshToken


async def spend_once(
    session: AsyncSession, column: InstrumentedAttribute[Any], row_id: uuid.UUID
) -> bool:
    """Set COLUMN (a timestamp, still null) to now on the row ROW_ID, atomically: of two
    concurrent uses of one token or code only one is True."""
    model: Any = column.class_
    spent = await session.execute(
        update(model)
        .where(model.id == row_id, column.is_(None))
        .values({column.key: utcnow(), "version": model.version + 1})
        .execution_options(synchronize_session=False)
    )
    return bool(spent.rowcount == 1)  # type: ignore[attr-defined]


class RefreshTokenRepository(Repository[RefreshToken]):
    model = RefreshToken
    not_found_detail = "You have no such session."

    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        return await self.session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == token_hash)
        )

    async def spend(self, token_id: uuid.UUID) -> bool:
        """Spend the token atomically: of two concurrent rotations only one is True."""
        return await spend_once(self.session, RefreshToken.spent_at, token_id)

    async def revoke_family(
        self, family_id: uuid.UUID, *, user_id: uuid.UUID | None = None
    ) -> None:
        """End one session (of USER_ID's only, when given)."""
        statement = update(RefreshToken).where(RefreshToken.family_id == family_id)
        if user_id is not None:
            statement = statement.where(RefreshToken.user_id == user_id)
        await self.session.execute(
            statement.where(RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow(), version=RefreshToken.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def revoke_all_of(self, user_id: uuid.UUID, keep_family: uuid.UUID | None = None) -> None:
        """End every session of USER_ID, except KEEP_FAMILY."""
        statement = update(RefreshToken).where(
            RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
        )
        if keep_family is not None:
            statement = statement.where(RefreshToken.family_id != keep_family)
        await self.session.execute(
            statement.values(
                revoked_at=utcnow(), version=RefreshToken.version + 1
            ).execution_options(synchronize_session=False)
        )

    async def live_of(self, user_id: uuid.UUID, now: datetime) -> list[RefreshToken]:
        """Each live session's current (unspent) refresh token, newest first."""
        return list(
            await self.session.scalars(
                select(RefreshToken)
                .where(
                    RefreshToken.user_id == user_id,
                    RefreshToken.revoked_at.is_(None),
                    RefreshToken.spent_at.is_(None),
                    RefreshToken.expires_at > now,
                )
                .order_by(RefreshToken.created_at.desc())
            )
        )

    async def family_live(self, user_id: uuid.UUID, family_id: uuid.UUID) -> bool:
        live = await self.session.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(
                RefreshToken.user_id == user_id,
                RefreshToken.family_id == family_id,
                RefreshToken.revoked_at.is_(None),
            )
        )
        return bool(live)


class RecoveryCodeRepository(Repository[RecoveryCode]):
    model = RecoveryCode

    async def remove_all_of(self, user_id: uuid.UUID) -> None:
        await self.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))

    async def unused(self, user_id: uuid.UUID, code_hash: str) -> RecoveryCode | None:
        return await self.session.scalar(
            select(RecoveryCode).where(
                RecoveryCode.user_id == user_id,
                RecoveryCode.code_hash == code_hash,
                RecoveryCode.used_at.is_(None),
            )
        )

    async def spend(self, code_id: uuid.UUID) -> bool:
        """Mark the code used, atomically: a code works once."""
        return await spend_once(self.session, RecoveryCode.used_at, code_id)

    async def count_unused(self, user_id: uuid.UUID) -> int:
        rows = await self.session.scalars(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)
            )
        )
        return len(list(rows))
