from django import forms

from mentorweb.core.forms import AccessibleFormRenderer


class _Form(forms.Form):
    default_renderer = AccessibleFormRenderer
    name = forms.CharField(help_text="As on your certificate.")
    languages = forms.MultipleChoiceField(
        choices=[("en", "English"), ("fr", "French")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick one or more.",
    )


def test_input_is_described_by_its_hint_and_its_error_once():
    form = _Form(data={"name": ""})
    html = str(form["name"])
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_checkbox_list_is_described_by_its_error_too():
    html = str(_Form(data={"name": "x"})["languages"])
    assert "id_languages_error" in html
