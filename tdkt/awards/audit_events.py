"""Readable names of the awards app's audit codes, registered with core at start-up."""

from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "awards.title.updated": _("Emulation title changed"),
        "awards.form.updated": _("Commendation form changed"),
        "awards.record.created": _("Award recorded"),
        "awards.rating.created": _("Rating recorded"),
        "awards.rating.updated": _("Rating changed"),
        "awards.record.updated": _("Award record changed"),
        "awards.name_mapping.created": _("Title name mapped"),
        "awards.demo.loaded": _("Demo history loaded"),
        "awards.staff_account.linked": _("Staff account linked to a person"),
        "awards.rule_version.confirmed": _("Rule version confirmed"),
        "awards.parameter.confirmed": _("Parameter confirmed"),
        "awards.verdict.overridden": _("Verdict decided by hand"),
        "awards.vote_result.recorded": _("Council vote result recorded"),
        "awards.attestation.recorded": _("Council attestations recorded"),
        "awards.record.revoked": _("Award revoked"),
        "awards.revocation.created": _("Revocation recorded"),
        "awards.review.flagged": _("Award flagged for review after a revocation"),
        "awards.review.resolved": _("Review after a revocation decided"),
    }
)
