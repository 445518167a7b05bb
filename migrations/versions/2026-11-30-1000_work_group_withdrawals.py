"""work group withdrawals: the date a school withdrew from a work group

A school that withdraws keeps its row (its attendance is evidence); the date says it left, and
is what lets the hub lead recover a grant already paid (a clawback).

Revision ID: 0014_withdrawals
Revises: 0013_national
Create Date: 2026-11-30 10:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_withdrawals"
down_revision: str | None = "0013_national"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("work_group_schools") as batch:
        batch.add_column(sa.Column("withdrawn_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("work_group_schools") as batch:
        batch.drop_column("withdrawn_on")
