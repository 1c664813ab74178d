"""/search/: the search page (full page, or its results partial for htmx)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from questions.language import content_language
from search.engine import search as run_search


@require_GET
@login_required
@vary_on_headers("HX-Request")
def search(request):
    query = request.GET.get("q", "")
    lang = content_language(request)
    results = run_search(request.user, query, lang) if query.strip() else None
    # The page shows the query as searched: cut to its limit, spaces collapsed.
    context = {"query": results.query if results else "", "results": results, "lang": lang}
    template = "search/search.html#htmx-results" if request.htmx else "search/search.html"
    return render(request, template, context)
