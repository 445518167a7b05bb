"""Every query of the accounts area: the single-use links (invitations, password resets) and
the second-factor tokens of a sign-in, all rows of ``account_tokens``, stored as SHA-256."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select, update

from masteryhub.auth.repository import spend_once
from masteryhub.kit.repository import Repository
from masteryhub.models.account_token import AccountToken, AccountTokenPurpose
from masteryhub.models.base import utcnow


class AccountTokenRepository(Repository[AccountToken]):
    model = AccountToken
    not_found_detail = "There is no such link. Check it was copied in full."

    async def by_hash(
        self, token_hash: str, purpose: AccountTokenPurpose | None = None
    ) -> AccountToken | None:
        """The token stored with this hash (of PURPOSE, when given), used or not."""
        statement = select(AccountToken).where(AccountToken.token_hash == token_hash)
        if purpose is not None:
            statement = statement.where(AccountToken.purpose == purpose)
        return await self.session.scalar(statement)

    async def pending_invitations(
        self, user_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, AccountToken]:
        """Each person's unused, unrevoked invitation, by person."""
        if not user_ids:
            return {}
        rows = await self.session.scalars(
            select(AccountToken).where(
                AccountToken.user_id.in_(user_ids),
                AccountToken.purpose == AccountTokenPurpose.INVITATION,
                AccountToken.used_at.is_(None),
                AccountToken.revoked_at.is_(None),
            )
        )
        return {row.user_id: row for row in rows}

    async def revoke_pending(self, user_id: uuid.UUID, purpose: AccountTokenPurpose) -> int:
        """Revoke the person's unused links of PURPOSE; how many there were."""
        result = await self.session.execute(
            update(AccountToken)
            .where(
                AccountToken.user_id == user_id,
                AccountToken.purpose == purpose,
                AccountToken.used_at.is_(None),
                AccountToken.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow(), version=AccountToken.version + 1)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def spend(self, token_id: uuid.UUID) -> bool:
        """Mark the token used, atomically: of two concurrent uses only one is True."""
        return await spend_once(self.session, AccountToken.used_at, token_id)
