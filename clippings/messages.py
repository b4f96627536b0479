"""User-facing wording for ingest outcomes and search errors: one place, translated through Django's i18n.

The text pipeline and the services report a code and a value (``detail``: a size, a file format, a date
as written); the wording is here. An entry that is a pair has a message for an empty detail and one that
shows the detail.
"""
from django.utils.translation import gettext_lazy as _

REASONS = {
    "missing": _("no such file or folder"),
    "empty": _("the file is empty"),
    "too_large": _("the file is too large (%(detail)s bytes)"),
    "binary": (_("the file holds binary data, not plain text"),
               _("this is a %(detail)s file, not a plain-text page")),
    "undecodable": (_("unknown text encoding (UTF-8, UTF-16 and GB18030/GBK are read)"),
                    _("the file starts with the mark of %(detail)s, but its text cannot be read in that encoding")),
    "unreadable": _("cannot be read: %(detail)s"),
    "bad_metadata": _("bad metadata: %(detail)s"),
    "manifest_bad_date": _("bad metadata: the date “%(detail)s” for this page in manifest.csv is not written as "
                           "year-month-day (for example 2024-05-10)"),
    "sidecar_bad_date": _("bad metadata: the date “%(detail)s” in the page's .json file is not written as "
                          "year-month-day (for example 2024-05-10)"),
    "sidecar_not_json": (_("bad metadata: the page's .json file is not valid JSON in UTF-8"),
                         _("bad metadata: line %(detail)s of the page's .json file is not valid JSON")),
    "sidecar_not_object": _("bad metadata: the page's .json file must hold one object, such as "
                            "{\"newspaper\": \"…\", \"date\": \"2024-05-10\", \"page\": \"A3\"}"),
    "manifest_unreadable": _("bad metadata: manifest.csv cannot be read (it must be a UTF-8 CSV file whose first "
                             "row names the columns)"),
    "pipeline_error": _("splitting failed: %(detail)s"),
    "no_text": _("no article text found"),
    "image_broken": _("the page image is broken and was not stored (the text was ingested)"),
    "image_too_large": _("the page image is too large and was not stored (the text was ingested)"),
    "not_regular": _("not a regular file (%(detail)s): only ordinary files are read"),
    "markup": _("a web page or markup document (%(detail)s), not OCR page text"),
    "not_page_file": _("not a page file: pages are .txt files, page images .png, .jpg or .tif"),
}

# what a non-regular file is (the detail of ``not_regular``)
FILE_KINDS = {
    "fifo": _("a named pipe"),
    "device": _("a device"),
    "socket": _("a socket"),
    "directory": _("a folder"),
    "special": _("a special file"),
}

IMAGE_PROBLEMS = {
    "image_missing": _("The page image file is missing from the media folder."),
    "image_broken": _("The page image cannot be read (the file is damaged)."),
    "image_too_large": _("The page image is too large to show as a thumbnail."),
}

QUERY_ERRORS = {
    "empty": _("Type something to search for, or choose a filter."),
    "too_long": _("The query is too long (at most %(detail)s characters)."),
    "too_many_terms": _("Too many search terms (at most %(detail)s)."),
    "unbalanced_quote": _("A quotation mark is not closed: put the exact phrase between two \" marks."),
    "empty_phrase": _("An exact phrase between quotation marks is empty."),
    "dangling_or": _("OR must stand between two terms, as in: 高新区 OR 经开区."),
    "only_exclusions": _("A query needs at least one term to find; -term only excludes."),
}


CORRECTION_ERRORS = {
    "split_position": _("Choose a paragraph boundary with text on both sides."),
    "join_other_page": _("Only articles from the same page can be joined."),
    "join_not_adjacent": _("Only two articles next to each other on the page can be joined."),
    "join_two": _("Select exactly two articles to join."),
    "split_one": _("Select exactly one article to split."),
    "nothing_to_merge": _("Select at least two records to merge."),
    "survivor_merged": _("The record to keep was itself merged into another one."),
    "mixed_kinds": _("Only records of one kind can be merged."),
    "no_merge_record": _("There is no record of what its merge moved (merged before merges were recorded, "
                         "or already undone)."),
    "not_merged": _("It is not merged into another record."),
    "survivor_merged_since": _("The record it was merged into was itself merged since: undo that merge first."),
}


def correction_error(code: str) -> str:
    return _format(CORRECTION_ERRORS, code, "")


def query_error(code: str, detail: str = "") -> str:
    return _format(QUERY_ERRORS, code, detail)


def _format(table: dict, code: str, detail: str) -> str:
    template = table.get(code)
    if template is None:
        return f"{code}: {detail}" if detail else code
    if isinstance(template, tuple):
        template = template[1] if detail else template[0]
    text = str(template)
    return text % {"detail": detail} if "%(detail)s" in text else text


def image_problem(code: str) -> str:
    return _format(IMAGE_PROBLEMS, code, "")


def reason(code: str, detail: str = "") -> str:
    if code == "not_regular":
        detail = str(FILE_KINDS.get(detail, detail))
    return _format(REASONS, code, detail)
