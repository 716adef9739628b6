"""Readable names of the meetings app's audit codes, registered with core at start-up.

No event of this app holds a choice: casting a ballot writes no event at all."""

from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "meetings.meeting.created": _("Meeting created"),
        "meetings.meeting.updated": _("Meeting changed"),
        "meetings.meeting.closed": _("Meeting closed"),
        "meetings.agenda.added": _("Agenda item added"),
        "meetings.member.added": _("Member added"),
        "meetings.member.checked_in": _("Member checked in"),
        "meetings.member.checked_out": _("Member marked absent"),
        "meetings.ballot.created": _("Ballot created"),
        "meetings.candidate.added": _("Candidate added"),
        "meetings.candidate.removed": _("Candidate removed"),
        "meetings.ballot.opened": _("Voting opened"),
        "meetings.code.reissued": _("Voting code replaced"),
        "meetings.paper.entered": _("Paper count entered"),
        "meetings.opinion.recorded": _("Written opinion recorded"),
        "meetings.ballot.closed": _("Voting closed and counted"),
        "meetings.resolution.recorded": _("Decision after two rounds recorded"),
    }
)
