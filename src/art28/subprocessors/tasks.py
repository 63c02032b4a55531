"""Background tasks of the sub-processor register (django.tasks API)."""

from django_tasks import task


@task()
def activate_due() -> dict[str, int]:
    """Close passed objection windows and put due changes into effect."""
    from art28.subprocessors.services import activate_due_changes

    return activate_due_changes()
