"""Readable names of the org app's audit codes, registered with core at start-up."""

from django.utils.translation import gettext_lazy as _

from tdkt.core.audit import register_event_labels

register_event_labels(
    {
        "org.organisation.created": _("Organisation created"),
        "org.province.created": _("Province recorded"),
        "org.province_succession.created": _("Province succession recorded"),
        "org.unit.created": _("Unit created"),
        "org.unit.updated": _("Unit changed"),
        "org.unit.opened": _("Unit came into force"),
        "org.unit.closed": _("Unit ceased"),
        "org.lineage.recorded": _("Lineage change recorded"),
        "org.cluster.created": _("Cluster created"),
        "org.cluster_term.created": _("Cluster term created"),
        "org.cluster_term.updated": _("Cluster term changed"),
        "org.cluster_term.members_changed": _("Member units changed"),
        "org.person.created": _("Person added"),
        "org.person.updated": _("Person changed"),
        "org.person.employment_added": _("Employment added"),
        "org.employment.created": _("Employment added"),
        "org.employment.updated": _("Employment changed"),
        "org.role.granted": _("Role granted"),
    }
)
