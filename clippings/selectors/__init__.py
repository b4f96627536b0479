"""Reads: how the archive is queried for pages, feeds and exports (no writes here).

``articles``: lists, one article with its neighbours and similar articles, the export records;
``entities``: zones and enterprises with their articles, counts and co-mentions;
``overview``: the home page's counts and source pages.
"""
