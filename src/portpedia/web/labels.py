"""The labels pages show for fixed keys (status, OS, note level, risk, reaction), marked for
translation so extraction finds them; the templates look them up by key."""

from __future__ import annotations

from portpedia.i18n import N_
from portpedia.store.model import REACTIONS as STORE_REACTIONS

# Replaced per response by the web face; an exported page keeps it (and cannot take votes
# without the server, whose /api/v1/feedback hands the script a fresh token).
CSRF_PLACEHOLDER = "__PORTPEDIA_CSRF_TOKEN__"

# How the widget shows each reaction the store takes: emoji, label marked for translation.
_REACTION_FACES = {
    "disappointed": ("😞", N_("Not helpful")),
    "unsure": ("🤨", N_("Not sure")),
    "happy": ("😃", N_("Helpful")),
}
REACTIONS: tuple[tuple[str, str, str], ...] = tuple(
    (value, *_REACTION_FACES[value]) for value in STORE_REACTIONS
)


# Labels the templates look up by key; marked so extraction finds them.
STATUS_LABELS = {
    "assigned": N_("Assigned"),
    "reserved": N_("Reserved"),
    "unassigned": N_("Unassigned"),
    "dynamic": N_("Dynamic (never assigned)"),
}
OS_LABELS = {
    "any": N_("Any system"),
    "linux": N_("Linux"),
    "macos": N_("macOS"),
    "windows": N_("Windows"),
}
LEVEL_LABELS = {"info": N_("Note"), "caution": N_("Caution"), "warning": N_("Warning")}
# Which way a product's port rule points (knowledge/schema.py DIRECTIONS).
DIRECTION_LABELS = {
    "inbound": N_("inbound"),
    "outbound": N_("outbound"),
    "internode": N_("between nodes"),
}
RISK_LABELS = {
    "exposure": N_("Keep off the internet"),
    "malware": N_("Seen with malware"),
}
FEEDBACK_NOTICES = {
    "thanks": N_("Thank you! Your vote was recorded. You can change it at any time."),
}
# The firewall tools of a port page's "Open or close it" (portpedia.firewall.TOOLS).
FIREWALL_TOOL_LABELS = {
    "nftables": N_("nftables (Linux)"),
    "iptables": N_("iptables (Linux)"),
    "ufw": N_("ufw (Ubuntu)"),
    "firewalld": N_("firewalld (Fedora, RHEL)"),
    "windows": N_("Windows PowerShell"),
    "pf": N_("pf (BSD, macOS)"),
}
# "Should I worry?" for an article's worry key (knowledge/schema.py WORRY).
WORRY_LABELS = {
    "low": N_("Usually nothing to worry about"),
    "exposure": N_("Safe on a private network, dangerous when reachable from the internet"),
    "high": N_("Worth investigating"),
}
