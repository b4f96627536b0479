"""The HTML of a record's label: an article's title, or the label of a missing title with its opening
words (the words from ``Article``'s properties, the one place for the rule)."""
from __future__ import annotations

from collections.abc import Callable

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def article_title_html(article, marked: Callable[[str], str] = escape) -> SafeString:
    """``marked`` escapes the words (and may mark search hits in them)."""
    if article.title:
        return mark_safe(marked(article.title))
    words = mark_safe(marked(article.opening_words)) if article.opening_words else ""
    return format_html('<span class="untitled">{}</span> {}', article.untitled_label, words)


@register.filter
def article_title(article) -> SafeString:
    return article_title_html(article)
