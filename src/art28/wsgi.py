import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "art28.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL patterns, the templates' code) lives as long
# as the process: moved out of the collector's reach, a full collection no longer walks it, which
# took the staff home's p95 at 10,000 clients from about 205 to 130 ms (bench/RESULTS.md).
gc.freeze()
