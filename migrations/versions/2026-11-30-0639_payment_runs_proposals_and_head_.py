"""payment runs, proposals and head confirmations

Hub money settings (meeting length per half day, the grant's attendance threshold, whether
payment waits for the head's confirmation); proposed and rejected entries need no schema.
Payment runs (a hub pays its schools approved entries in one batch; an entry is held by at
most one live run through release_day_entries.payment_run_id).

Revision ID: 0012_money
Revises: 0011_intake
Create Date: 2026-11-30 06:39:36.488660+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import masteryhub.models.base

revision: str = "0012_money"
down_revision: str | None = "0011_intake"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_runs",
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "committed",
                "sent",
                "voided",
                name="paymentrunstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("up_to", sa.Date(), nullable=True),
        sa.Column("school_id", sa.Uuid(), nullable=True),
        sa.Column("cohort_id", sa.Uuid(), nullable=True),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("school_count", sa.Integer(), nullable=False),
        sa.Column("total_pence", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("created_by_label", sa.String(length=320), nullable=False),
        sa.Column("committed_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("committed_by_id", sa.Uuid(), nullable=True),
        sa.Column("sent_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sent_by_id", sa.Uuid(), nullable=True),
        sa.Column("voided_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("voided_by_id", sa.Uuid(), nullable=True),
        sa.Column("void_reason", sa.String(length=2000), nullable=True),
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
            name=op.f("fk_payment_runs_cohort_id_cohorts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"], ["hubs.id"], name=op.f("fk_payment_runs_hub_id_hubs"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_payment_runs_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_runs")),
        sa.UniqueConstraint("reference", name=op.f("uq_payment_runs_reference")),
    )
    with op.batch_alter_table("payment_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_runs_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_payment_runs_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("hubs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "release_minutes_per_half_day", sa.Integer(), server_default="180", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("grant_sessions_threshold", sa.Integer(), server_default="2", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "payment_waits_for_confirmation",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=False,
            )
        )

    with op.batch_alter_table("release_day_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payment_run_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_release_day_entries_payment_run_id"), ["payment_run_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_release_day_entries_payment_run_id_payment_runs"),
            "payment_runs",
            ["payment_run_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("release_day_entries", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_release_day_entries_payment_run_id_payment_runs"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_release_day_entries_payment_run_id"))
        batch_op.drop_column("payment_run_id")

    with op.batch_alter_table("payment_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_runs_updated_at"))
        batch_op.drop_index(batch_op.f("ix_payment_runs_hub_id"))

    op.drop_table("payment_runs")

    with op.batch_alter_table("hubs", schema=None) as batch_op:
        batch_op.drop_column("payment_waits_for_confirmation")
        batch_op.drop_column("grant_sessions_threshold")
        batch_op.drop_column("release_minutes_per_half_day")
