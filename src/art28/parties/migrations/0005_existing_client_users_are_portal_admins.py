"""Before the controller-admin role every client user who could write managed the portal
access of their organisation: they keep doing so as its portal admins."""

from django.db import migrations


def make_admins(apps, schema_editor):
    Membership = apps.get_model("parties", "Membership")
    Membership.objects.filter(role="controller_user", read_only=False).update(portal_admin=True)


def undo(apps, schema_editor):
    Membership = apps.get_model("parties", "Membership")
    Membership.objects.filter(role="controller_user").update(portal_admin=False)


class Migration(migrations.Migration):
    dependencies = [("parties", "0004_membership_portal_admin")]

    operations = [migrations.RunPython(make_admins, undo)]
