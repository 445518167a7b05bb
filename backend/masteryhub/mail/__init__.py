"""Email through a transactional outbox.

Areas call ``queue_email(session, to=..., template=..., context=...)`` inside their own
transaction; a ``Dispatcher`` (``masteryhub worker``, or inside the API process in development)
delivers the rows over SMTP, or to ./var/mail when no SMTP host is set. Delivery is at least
once; see ``masteryhub.mail.dispatcher``.
"""

from masteryhub.mail.dispatcher import Dispatcher, DispatchReport
from masteryhub.mail.outbox import InvalidRecipient, queue_email
from masteryhub.mail.rendering import (
    ACCOUNT_TEMPLATES,
    APPLICATION_TEMPLATES,
    TEMPLATES,
    MissingContext,
    RenderedEmail,
    UnknownTemplate,
    format_date,
    format_deadline,
    format_time,
    render,
)
from masteryhub.mail.transport import (
    FileTransport,
    PermanentDeliveryError,
    SmtpTransport,
    Transport,
    build_message,
    transport_for,
)

__all__ = [
    "ACCOUNT_TEMPLATES",
    "APPLICATION_TEMPLATES",
    "TEMPLATES",
    "DispatchReport",
    "Dispatcher",
    "FileTransport",
    "InvalidRecipient",
    "MissingContext",
    "PermanentDeliveryError",
    "RenderedEmail",
    "SmtpTransport",
    "Transport",
    "UnknownTemplate",
    "build_message",
    "format_date",
    "format_deadline",
    "format_time",
    "queue_email",
    "render",
    "transport_for",
]
