"""Readable names of the movements app's audit codes."""

from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "movements.pledge.created": _("Pledge drafted"),
        "movements.pledge.opened": _("Pledge opened for signatures"),
        "movements.pledge.signed": _("Pledge signed"),
        "movements.pledge.locked": _("Pledge signed by every member and locked"),
        "movements.pledge_item.updated": _("Pledge target changed"),
        "movements.pledge_override.set": _("Member's own target set"),
    }
)
