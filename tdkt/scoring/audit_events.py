"""Readable names of the scoring app's audit codes."""

from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "scoring.sheet.created": _("Score sheet created"),
        "scoring.criterion.updated": _("Criterion changed"),
        "scoring.criterion.added": _("Line added to the score sheet"),
        "scoring.criterion.removed": _("Line removed from the score sheet"),
        "scoring.round.created": _("Scoring round created"),
        "scoring.round.updated": _("Scoring settings changed"),
        "scoring.round.published": _("Scores published and locked"),
        "scoring.score.self": _("Self-score"),
        "scoring.score.peer": _("Peer score"),
        "scoring.score.final": _("Final score"),
        "scoring.evidence.added": _("Evidence file added"),
        "scoring.assessment.submitted": _("Self-assessment submitted"),
        "scoring.assessment.returned": _("Self-assessment returned"),
        "scoring.statistics.imported": _("Court statistics imported"),
    }
)
