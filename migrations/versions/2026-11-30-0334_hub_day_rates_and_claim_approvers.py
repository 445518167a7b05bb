"""hub day rates and claim approvers

Hub day rates (a hub's own rates for a cohort's programme year, over the national year
rule) and users.can_approve_claims (hub staff named to approve and pay claims: four eyes).

Revision ID: 0009_day_rates
Revises: 0006_applications
Create Date: 2026-11-30 03:34:21.539028+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import masteryhub.models.base

revision: str = "0009_day_rates"
down_revision: str | None = "0006_applications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hub_day_rates",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("programme_year", sa.Integer(), nullable=False),
        sa.Column("day_rates_pence", sa.JSON(), nullable=False),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            masteryhub.models.base.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            masteryhub.models.base.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_hub_day_rates_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"], ["hubs.id"], name=op.f("fk_hub_day_rates_hub_id_hubs"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hub_day_rates")),
        sa.UniqueConstraint(
            "hub_id",
            "cohort_id",
            "programme_year",
            name=op.f("uq_hub_day_rates_hub_id_cohort_id_programme_year"),
        ),
    )
    with op.batch_alter_table("hub_day_rates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hub_day_rates_cohort_id"), ["cohort_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_hub_day_rates_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hub_day_rates_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("can_approve_claims", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("can_approve_claims")

    with op.batch_alter_table("hub_day_rates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_day_rates_updated_at"))
        batch_op.drop_index(batch_op.f("ix_hub_day_rates_hub_id"))
        batch_op.drop_index(batch_op.f("ix_hub_day_rates_cohort_id"))

    op.drop_table("hub_day_rates")
