"""What each draft kind is called, as msgids: /draft's choices and the walkthrough's suggestions share them."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from parley.domain.errors import N_

DRAFT_KIND_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "payment_reminder": N_("Payment reminder"),
        "deposit_condition": N_("Deposit before more work"),
        "deposit_terms": N_("Deposit before starting (new client)"),
        "revision_note": N_("Revision note"),
        "revision_limit": N_("Revision limit and extra cost"),
        "change_order": N_("Change order"),
        "working_hours": N_("Working hours and response time"),
        "call_summary": N_("Call summary"),
        "contract_request": N_("Contract request"),
        "deflection": N_("Deflecting personal remarks"),
        "end_engagement": N_("Ending the engagement"),
    }
)
