from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "documents.document.issued": _("Document issued"),
        "documents.document.signed": _("Document signed"),
        "documents.template.uploaded": _("Word template uploaded"),
        "documents.template.removed": _("Word template removed"),
        "documents.batch.requested": _("Certificate batch requested"),
        "documents.layout.created": _("Certificate layout created"),
        "documents.layout.updated": _("Certificate layout changed"),
    }
)
