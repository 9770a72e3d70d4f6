"""Errands (a contact centre's conversations) and what hangs off them: organisations and
their areas, the messages in and out, attachments, area archives (images an answer
embeds), tags, the actions that changed an errand, the agents who handle them and the
contact cards that name who wrote.

An errand's, an attachment's or a card's integer ``id`` is the number clients see. An
errand is *dirty* from every change until a client reads its report (a partial index
holds only the dirty ones).
"""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.store.schema import big_id, metadata, text, timestamp, workspace_column


def _id() -> sa.Column[int]:
    return sa.Column("id", big_id(), primary_key=True, autoincrement=True)


def _errand_id() -> sa.Column[int]:
    return sa.Column(
        "errand_id", big_id(), sa.ForeignKey("errand.id", ondelete="CASCADE"), nullable=False
    )


organisation = sa.Table(
    "organisation",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("name", text(100), nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.UniqueConstraint("workspace_id", "name"),
)

area = sa.Table(
    "area",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("organisation_id", big_id(), sa.ForeignKey("organisation.id"), nullable=True),
    sa.Column("name", text(100), nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.UniqueConstraint("workspace_id", "name"),
)

# An agent: a user who handles errands, in a system group, reachable on a phone device.
agent = sa.Table(
    "agent",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("user_sys_id", text(32), nullable=False),
    sa.Column("system_group", text(100), nullable=False),
    sa.Column("device_id", sa.BigInteger, nullable=True),
    sa.Column("extension_id", sa.BigInteger, nullable=True),
    sa.UniqueConstraint("workspace_id", "user_sys_id"),
    sa.UniqueConstraint("workspace_id", "device_id", "extension_id"),
)

# A contact card: the person (a consumer) as the contact centre knows them.
contact_card = sa.Table(
    "contact_card",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("consumer_sys_id", text(32), nullable=False),
    sa.Column("cuid", text(255), nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.UniqueConstraint("workspace_id", "consumer_sys_id"),
)

# A card's contacts as given (the identity index holds them normalised).
card_contact = sa.Table(
    "card_contact",
    metadata,
    _id(),
    workspace_column(),
    sa.Column(
        "card_id", big_id(), sa.ForeignKey("contact_card.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", text(255), nullable=False),
    sa.UniqueConstraint("card_id", "kind", "value"),
)

errand = sa.Table(
    "errand",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("area_id", big_id(), sa.ForeignKey("area.id"), nullable=True),
    sa.Column("channel", sa.Integer, nullable=False),
    sa.Column("card_id", big_id(), sa.ForeignKey("contact_card.id"), nullable=True),
    sa.Column("message_id", text(255), nullable=True),
    sa.Column("from_address", text(255), nullable=True),
    sa.Column("from_name", text(255), nullable=True),
    sa.Column("to_address", text(255), nullable=True),
    # The question's text is its inbound message's (errand_message).
    sa.Column("subject", sa.Text, nullable=True),
    sa.Column("cuid", text(255), nullable=True),
    sa.Column("extradata", sa.Text, nullable=True),
    sa.Column("integration", sa.JSON, nullable=True),
    sa.Column("watemplate", sa.JSON, nullable=True),
    # An outbound or inbound call's agent device (integration data), to find the call by.
    sa.Column("device_id", sa.BigInteger, nullable=True),
    sa.Column("extension_id", sa.BigInteger, nullable=True),
    sa.Column("agent_sys_id", text(32), nullable=True),
    sa.Column("answered", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("closed", sa.Boolean(create_constraint=False), nullable=False),
    # Who closed it, as the client named them (empty: the system).
    sa.Column("closed_by_type", text(40), nullable=True),
    sa.Column("closed_by_id", text(64), nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Column("answered_on", timestamp(), nullable=True),
    sa.Column("closed_on", timestamp(), nullable=True),
    sa.Column("dirty", sa.Boolean(create_constraint=False), nullable=False),
    # The conversation it belongs to (none: its own, begun by it).
    sa.Column("thread_id", big_id(), nullable=True),
    # The kind of activity its channel is to the customer: email, chat or phone.
    sa.Column("activity", sa.String(16), nullable=True),
    sa.Index(
        "ix_errand_dirty",
        "workspace_id",
        "id",
        sqlite_where=sa.text("dirty"),
        postgresql_where=sa.text("dirty"),
    ),
    sa.Index("ix_errand_call", "workspace_id", "device_id", "extension_id", "closed"),
    sa.Index("ix_errand_card", "workspace_id", "card_id"),
    sa.Index("ix_errand_created", "workspace_id", "created_on"),
    sa.Index("ix_errand_closed", "workspace_id", "closed_on"),
)

# The messages of an errand: the question (inbound) and the answers (outbound).
errand_message = sa.Table(
    "errand_message",
    metadata,
    _id(),
    workspace_column(),
    _errand_id(),
    sa.Column("outbound", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("subject", sa.Text, nullable=True),
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("html_body", sa.Text, nullable=True),
    sa.Column("address", text(255), nullable=True),
    sa.Column("name", text(255), nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Index(None, "errand_id"),
)

errand_attachment = sa.Table(
    "errand_attachment",
    metadata,
    _id(),
    workspace_column(),
    _errand_id(),
    sa.Column("name", text(255), nullable=False),
    sa.Column("content_type", text(255), nullable=False),
    sa.Column("content_id", text(255), nullable=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Index(None, "errand_id"),
)

area_archive = sa.Table(
    "area_archive",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("area_id", big_id(), sa.ForeignKey("area.id"), nullable=True),
    sa.Column("name", text(255), nullable=False),
    sa.Column("content_type", text(255), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
)

# The area archives an errand's answer embeds.
errand_archive = sa.Table(
    "errand_archive",
    metadata,
    _errand_id(),
    sa.Column(
        "archive_id",
        big_id(),
        sa.ForeignKey("area_archive.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.PrimaryKeyConstraint("errand_id", "archive_id"),
)

tag = sa.Table(
    "tag",
    metadata,
    _id(),
    workspace_column(),
    sa.Column("name", text(100), nullable=False),
    sa.UniqueConstraint("workspace_id", "name"),
)

errand_tag = sa.Table(
    "errand_tag",
    metadata,
    _errand_id(),
    sa.Column("tag_id", big_id(), sa.ForeignKey("tag.id", ondelete="CASCADE"), nullable=False),
    sa.PrimaryKeyConstraint("errand_id", "tag_id"),
)

# Every change of an errand's state: what happened, who did it (a user, or the system), when.
errand_action = sa.Table(
    "errand_action",
    metadata,
    _id(),
    workspace_column(),
    _errand_id(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("user_sys_id", text(32), nullable=True),
    sa.Column("origin", text(255), nullable=False),
    sa.Column("at", timestamp(), nullable=False),
    sa.Index(None, "errand_id"),
)
