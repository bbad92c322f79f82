"""The words of the walkthrough and the red-flag check: choices as a colleague would say them, in msgid form."""

from __future__ import annotations

from collections.abc import Mapping

from parley.domain.drafts.names import DRAFT_KIND_NAMES
from parley.domain.errors import N_

# What is happening: (emoji, label). Labels fit a select option (<= 100 chars in every language).
SITUATIONS: Mapping[str, tuple[str, str]] = {
    "not_paying": ("💸", N_("The client doesn't pay, or pays late")),
    "more_than_agreed": ("📦", N_("The client wants more than we agreed")),
    "endless_revisions": ("🔁", N_("The revisions never end")),
    "all_hours": ("🌙", N_("The client contacts me at all hours")),
    "rude": ("😠", N_("The client is rude or insulting")),
    "wont_sign": ("📝", N_("The client won't sign anything")),
    "changes_mind": ("🔀", N_("The client keeps changing their mind")),
    "tells_how": ("🧑‍🏫", N_("The client tells me how to do my job")),
    "checks_everything": ("🔍", N_("The client checks every detail or wants constant updates")),
    "testing_me": ("🧪", N_("A new client who keeps testing me")),
    "upset_not_told": ("😲", N_("The client is upset about something they weren't told")),
    "personal_remarks": ("🚫", N_("Personal remarks that make me uncomfortable")),
    "slow_no_deposit": ("🐢", N_("A prospect who is slow to answer and won't pay a deposit")),
    "used_work_unpaid": ("🕳️", N_("The client used my work without paying")),
}

STAGES: Mapping[str, tuple[str, str]] = {
    "before": ("🤝", N_("Before accepting the work")),
    "during": ("🛠️", N_("During the work")),
    "after": ("📬", N_("After delivery")),
}

SAFEGUARDS: Mapping[str, tuple[str, str]] = {
    "contract": ("📄", N_("A written contract")),
    "platform": ("🌐", N_("Working through a platform")),
    "deposit": ("💰", N_("A deposit was paid")),
    "none": ("➖", N_("None of these")),
}

# "None of these" as it reads in a recap of earlier answers.
NO_SAFEGUARD_RECAP = N_("No contract, platform or deposit")

KEEP: Mapping[str, tuple[str, str]] = {
    "yes": ("💚", N_("Yes, I want to keep them")),
    "unsure": ("🤔", N_("Not sure")),
    "no": ("🚪", N_("No, I'd rather move on")),
}

# The questions, in order, with a line of help under each.
QUESTIONS: Mapping[str, tuple[str, str]] = {
    "situations": (
        N_("What is happening?"),
        N_("Pick up to three that sound like your client. Nobody else sees your answers."),
    ),
    "stage": (N_("Where are you with this client?"), N_("The right next step depends a lot on this.")),
    "safeguards": (
        N_("What do you have in place?"),
        N_("Pick everything that applies, or “None of these”. It's fine either way: it tells me what to lean on."),
    ),
    "keep": (
        N_("Do you want to keep this client?"),
        N_("There's no wrong answer. Some clients are worth the work; some aren't."),
    ),
}

# Message drafts, named exactly as /draft names them (the same msgids, so one translation serves both).
DRAFT_KINDS: Mapping[str, str] = DRAFT_KIND_NAMES

RISK_LEVELS: Mapping[str, tuple[str, str]] = {
    "low": ("🟢", N_("Low risk")),
    "medium": ("🟠", N_("Medium risk")),
    "high": ("🔴", N_("High risk")),
}
