"""Every admin action and every custom admin view, posted by every role: an editor and a superuser
change the records; a reader (not staff) and a staff account with view rights only are refused and
change nothing — however they post (the change list, a confirmation page's form, a revert)."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clippings.models import Article, Enterprise, Source, Zone, ZoneMention
from clippings.roles import EDITORS, READERS

from .test_admin import action, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]

ROLES = {
    # role: (groups, staff, superuser, allowed to change records)
    "editor": ([EDITORS], True, False, True),
    "superuser": ([], True, True, True),
    "staff_viewer": ([READERS], True, False, False),  # staff, view permissions only
    "reader": ([READERS], False, False, False),
}


def login(client, django_user_model, role):
    groups, staff, superuser, _allowed = ROLES[role]
    user = django_user_model.objects.create_user(f"user-{role}", password="pw-123456", is_staff=staff,
                                                 is_superuser=superuser)
    user.groups.add(*Group.objects.filter(name__in=groups))
    client.force_login(user)
    return client


def long_article():
    return max(Article.objects.all(), key=lambda a: len([p for p in a.body.split("\n") if p]))


# Each case prepares the records and returns (post, changed): ``post(client)`` makes the request,
# ``changed()`` tells whether the database shows the action's effect.

def export_case(model):
    def case(client_for_form):
        ids = list(model.objects.values_list("pk", flat=True)[:2])
        answers = []

        def post(client):
            answers.append(action(client, model, "export_csv", ids))
            return answers[-1]

        return post, lambda: bool(answers) and answers[-1].get("Content-Type", "").startswith("text/csv")

    case.__name__ = f"case_export_{model._meta.model_name}"
    return case


def case_reextract(client_for_form):
    mention = ZoneMention.objects.filter(rejected=False, origin="machine").select_related("article").first()
    article, zone = mention.article, mention.zone_id
    ZoneMention.objects.filter(article=article, zone_id=zone).delete()
    return (lambda client: action(client, Article, "reextract", [article.pk]),
            lambda: ZoneMention.objects.filter(article=article, zone_id=zone).exists())


def case_split(client_for_form):
    article = long_article()
    before = Article.objects.count()
    return (lambda client: action(client, Article, "split", [article.pk], at="2", title="拆出", confirm="1"),
            lambda: Article.objects.count() == before + 1)


def case_join(client_for_form):
    source = Source.objects.filter(articles__position=2).first()
    first, second = source.articles.get(position=1), source.articles.get(position=2)
    return (lambda client: action(client, Article, "join", [first.pk, second.pk], confirm="1"),
            lambda: not Article.objects.filter(pk=second.pk).exists())


def case_merge_zones(client_for_form):
    keep, gone = Zone.objects.order_by("pk")[:2]
    return (lambda client: action(client, Zone, "merge", [keep.pk, gone.pk], survivor=str(keep.pk), confirm="1"),
            lambda: Zone.objects.get(pk=gone.pk).merged_into_id == keep.pk)


def case_merge_enterprises(client_for_form):
    keep, gone = Enterprise.objects.order_by("pk")[:2]
    return (lambda client: action(client, Enterprise, "merge", [keep.pk, gone.pk], survivor=str(keep.pk),
                                  confirm="1"),
            lambda: Enterprise.objects.get(pk=gone.pk).merged_into_id == keep.pk)


def case_confirm_zones(client_for_form):
    zone = Zone.objects.filter(verified=False).first()
    return (lambda client: action(client, Zone, "confirm", [zone.pk]),
            lambda: Zone.objects.get(pk=zone.pk).verified)


def case_delete_selected(client_for_form):
    zone = Zone.objects.filter(mentions__isnull=True).first()
    return (lambda client: action(client, Zone, "delete_selected", [zone.pk], post="yes"),
            lambda: not Zone.objects.filter(pk=zone.pk).exists())


def case_upload(client_for_form):
    def post(client):
        page = SimpleUploadedFile("permission-probe.txt", "标题\n\n正文第一段，内容足够长，是一篇文章。\n".encode())
        return client.post(reverse("admin:clippings_source_upload"), {"files": [page]})

    return post, lambda: Source.objects.filter(original_name="permission-probe.txt").exists()


def case_revert_history(client_for_form):
    article = Article.objects.first()
    article.title = "第一次改的标题"
    article.save()
    first = article.history.latest()
    article.title = "第二次改的标题"
    article.save()
    url = reverse("admin:clippings_article_simple_history", args=[article.pk, first.history_id])
    data = form_data(client_for_form, url)
    return (lambda client: client.post(url, data),
            lambda: Article.objects.get(pk=article.pk).title == "第一次改的标题")


CASES = [export_case(Article), export_case(Zone), export_case(Source), case_reextract, case_split, case_join, case_merge_zones,
         case_merge_enterprises, case_confirm_zones, case_delete_selected, case_upload, case_revert_history]


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("case", CASES, ids=[c.__name__.removeprefix("case_") for c in CASES])
def test_admin_actions_and_views_follow_the_role(archive, client, django_user_model, admin_client, role, case):
    post, changed = case(admin_client)
    assert not changed()
    response = post(login(client, django_user_model, role))
    allowed = ROLES[role][3]
    assert changed() == allowed, (role, response.status_code)
    if not allowed and ROLES[role][1]:
        assert response.status_code == 403 and "没有权限" in response.content.decode()  # staff without it
    elif not allowed:
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
