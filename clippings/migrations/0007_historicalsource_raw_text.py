from django.db import migrations, models


class Migration(migrations.Migration):
    """The history of a page keeps its raw text (rows written before this have none: a page restored
    from them is filled in again by the next ingest of its file)."""

    dependencies = [
        ("clippings", "0006_mention_count_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="raw_text",
            field=models.TextField(default="", verbose_name="raw OCR text"),
            preserve_default=False,
        ),
    ]
