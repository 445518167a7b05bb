from __future__ import annotations

from masteryhub.errors import Conflict


class NothingToPay(Conflict):
    code = "payment_run_empty"
    title = "Nothing is ready to pay"


class NegativeRun(Conflict):
    code = "payment_run_negative"
    title = "The run would take money back overall"
