from mentorweb.notifications.html import text_to_html


def test_text_becomes_escaped_paragraphs_with_clickable_links():
    html = text_to_html(
        "Hello <Amélie>,\n\nConfirm here:\nhttps://mentorweb.example.org/accounts/confirm-email/abc/?a=1&b=2\n\nThanks",
        subject="Confirm",
        language="fr",
    )
    assert '<html lang="fr">' in html
    assert "Hello &lt;Amélie&gt;," in html
    assert "<Amélie>" not in html
    assert '<a href="https://mentorweb.example.org/accounts/confirm-email/abc/?a=1&amp;b=2">' in html
    assert html.count("<p>") == 3  # three paragraphs (the signature paragraph is styled)
    assert "Confirm here:<br>" in html
