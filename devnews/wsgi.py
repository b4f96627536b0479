import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devnews.settings")
application = get_wsgi_application()

# articles a killed ingest stored but never indexed are indexed when the server starts
from clippings.search.indexing import recover_in_background  # noqa: E402 (needs the app registry)

recover_in_background()
