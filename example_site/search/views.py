"""The search view that ``wagtail start`` creates, handed over to gi_wagtail's public search.

The stock view searched every live page, titles of password-protected ones included, was
not rate-limited and failed on a NUL in the query on PostgreSQL. gi_wagtail's search
checks its input, counts requests and shows only public pages, so old links and
bookmarks to /search/?query=… are redirected there.
"""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def search(request):
    query = request.GET.get("query") or request.GET.get("q") or ""
    target = reverse("gi_wagtail_search")
    if query:
        target += "?" + urlencode({"q": query[:200]})
    return HttpResponsePermanentRedirect(target)
