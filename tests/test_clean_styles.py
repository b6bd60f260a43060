"""The clean stage on residue in other outlets' styles (texts written for these tests)."""

from __future__ import annotations

import pytest

from casus.clean import clean_document, clean_text
from casus.records import Document

BODY_A = "The coast guard said two patrol boats had left the harbour before dawn on Monday."
BODY_B = "Officials in the capital declined to comment on the movements, citing security concerns."
BODY_C = "A spokesman for the ministry said talks would resume in Geneva later this month."


def removed(text: str) -> list[tuple[str, str]]:
    spans, _ = clean_text(text)
    return [(r.kind, text[r.start:r.end]) for r in spans]


@pytest.mark.parametrize("line", [
    "Read more: Fishermen stranded as port closes for a third day",
    "Related: Navy chief replaced after collision inquiry",
    "ALSO READ: What the new maritime law means for shipping",
    "See also | Timeline of the border dispute",
    "Watch: Footage shows the frigate leaving port",
    "Lire aussi : La marine renforce sa présence dans le détroit",
    "Leer más: El gobierno convoca al embajador",
])
def test_clean_related_link_cues(line: str) -> None:
    text = f"{BODY_A}\n{line}\n{BODY_B}\n"
    assert removed(text) == [("related_link", line)]


def test_clean_related_cue_needs_separator_and_short_line() -> None:
    related_party = "Related-party loans at the state shipyard grew by a fifth, the auditor said in its annual report."
    watchers = ("Watch: " + "observers on the shore counted the ships one by one as they passed " * 4).strip() + "."
    assert removed(f"{BODY_A}\n{related_party}\n{watchers}\n{BODY_B}") == []


def test_clean_tweet_embed_with_spanish_date() -> None:
    post = "Dos fragatas cruzan el estrecho esta mañana, escoltadas por helicópteros. pic.twitter.com/AbC123xyz"
    credit = "— Laura Martín (@lmartin_mar) 3 de marzo de 2024"
    doc = clean_document(Document("d", "d.txt", f"{BODY_A}\n{post}\n{credit}\n{BODY_B}\n"))
    assert [(r.kind, doc.text[r.start:r.end]) for r in doc.removed] == [("embed_credit", credit)]
    (embed,) = doc.embeds
    assert (embed.kind, embed.author, embed.handle, embed.date) == (
        "tweet", "Laura Martín", "lmartin_mar", "2024-03-03")
    assert doc.text[embed.start:embed.end] == f"{post}\n{credit}"


def test_clean_instagram_embed_with_french_date() -> None:
    post = "Retour au port après trois semaines en mer. Fiers de notre équipage !"
    credit = "Une publication partagée par Marine Nationale (@marinenationale) le 12 févr. 2024 à 9:41 PST"
    doc = clean_document(Document("d", "d.txt", f"{BODY_A}\n\n{post}\n\n{credit}\n\n{BODY_B}"))
    assert [(r.kind, doc.text[r.start:r.end]) for r in doc.removed] == [("embed_credit", credit)]
    (embed,) = doc.embeds
    assert (embed.kind, embed.author, embed.handle, embed.date) == (
        "instagram", "Marine Nationale", "marinenationale", "2024-02-12")
    assert doc.text[embed.start:embed.end].startswith("Retour au port")


def test_clean_german_tweet_and_image_link_line() -> None:
    credit = "— Presseamt (@presseamt) 25. Februar 2019"
    text = f"{BODY_A}\nDie Übung beginnt morgen.\npic.twitter.com/Zz99Yy\n{credit}\n{BODY_B}"
    doc = clean_document(Document("d", "d.txt", text))
    assert [(r.kind, text[r.start:r.end]) for r in doc.removed] == [
        ("embed_credit", "pic.twitter.com/Zz99Yy"), ("embed_credit", credit)]
    assert doc.embeds[0].date == "2019-02-25"
    assert text[doc.embeds[0].start:doc.embeds[0].end].startswith("Die Übung beginnt morgen.")


def test_clean_credit_run_on_at_end_of_post_line() -> None:
    line = "Crews are safe and accounted for. pic.twitter.com/Qq11 — Harbour Police (@harbourpd) July 5, 2023"
    doc = clean_document(Document("d", "d.txt", f"{BODY_A}\n{line}\n{BODY_B}"))
    (span,) = doc.removed
    assert doc.text[span.start:span.end] == "— Harbour Police (@harbourpd) July 5, 2023"
    assert (doc.embeds[0].handle, doc.embeds[0].date) == ("harbourpd", "2023-07-05")
    assert doc.text[doc.embeds[0].start:doc.embeds[0].end] == line


def test_clean_handle_in_a_body_sentence_is_no_credit() -> None:
    text = f"{BODY_A}\n- Captain Ana Ruiz (@anaruiz) said the crew was tired after the long patrol.\n{BODY_B}"
    doc = clean_document(Document("d", "d.txt", text))
    assert doc.removed == [] and doc.embeds == []


def test_clean_advertisement_navigation_caption() -> None:
    lines = [
        ("navigation", "Skip to main content"),
        ("navigation", "Share on Facebook"),
        (None, "Navy ships gather near the strait"),
        (None, BODY_A),
        ("advertisement", "Advertisement"),
        (None, BODY_B),
        ("caption", "Photo: A frigate at anchor off the northern coast."),
        ("caption", "Sailors prepare a helicopter on deck. (Reuters/Jane Doe)"),
        ("caption", "Image caption Families waited at the quay for news"),
        (None, BODY_C),
        ("navigation", "Sign up for our newsletter to get the day's top stories"),
        ("navigation", "Facebook Twitter Email"),
        ("advertisement", "- Sponsored -"),
    ]
    text = "\n".join(line for _, line in lines) + "\n"
    assert removed(text) == [(kind, line) for kind, line in lines if kind]


def test_clean_poll_credit_in_a_sentence_is_body() -> None:
    text = f"{BODY_A}\nAccording to a Reuters/Ipsos poll, most voters back the talks with the neighbours.\n{BODY_B}"
    assert removed(text) == []


def test_clean_teaser_block_at_end_after_blank_lines() -> None:
    text = (f"{BODY_A}\n\n{BODY_B}\n\nMarkets Rally as Oil Prices Slide\n\n"
            "Shares rose sharply on Thursday as crude fell to its lowest level in months. Read more\n\n\n")
    assert removed(text) == [
        ("teaser", "Markets Rally as Oil Prices Slide"),
        ("teaser", "Shares rose sharply on Thursday as crude fell to its lowest level in months. Read more"),
    ]


def test_clean_truncated_last_paragraph_without_headline_is_body() -> None:
    text = f"{BODY_A}\n{BODY_B}\nThe minister added that the fleet would stay in the area until further…\n"
    assert removed(text) == []


def test_clean_normal_article_with_short_paragraphs_loses_nothing() -> None:
    text = (
        "Navy recalls reservists as tension rises\n\n"
        "The navy has recalled 2,000 reservists, the defence ministry said on Friday.\n\n"
        "\"We are ready,\" the admiral said.\n\n"
        "It was not immediately clear how long they would serve.\n\n"
        "The move follows a week of incidents at sea:\n\n"
        "- a collision between two trawlers\n"
        "- warning shots near the lighthouse\n\n"
        "Talks are due to resume in Geneva next week.\n"
        "Diplomats said both sides wanted to avoid a wider conflict.\n"
    )
    doc = clean_document(Document("d", "d.txt", text))
    assert doc.removed == [] and doc.embeds == [] and doc.text == text


def test_clean_subheading_needs_body_on_both_sides_and_a_sentence_after() -> None:
    broken = f"{BODY_A}\nThe men's final went to form as\nstormed to victory in record time, officials said.\n"
    heading = f"{BODY_A}\nTalks in Geneva\n{BODY_B}\n"
    first = f"Talks in Geneva\n{BODY_A}\n{BODY_B}\n"
    assert removed(broken) == []
    assert removed(heading) == [("subheading", "Talks in Geneva")]
    assert removed(first) == []


def test_clean_crlf_lines_exclude_carriage_return() -> None:
    text = f"{BODY_A}\r\nREAD MORE: Another story entirely\r\n{BODY_B}\r\n"
    assert removed(text) == [("related_link", "READ MORE: Another story entirely")]


def test_clean_related_stories_list_in_the_middle() -> None:
    text = (f"{BODY_A}\nRelated stories\nNavy chief replaced after collision inquiry\n"
            f"Why the strait matters to world trade?\n{BODY_B}\n{BODY_C}\n")
    assert removed(text) == [
        ("related_link", "Related stories"),
        ("related_link", "Navy chief replaced after collision inquiry"),
        ("related_link", "Why the strait matters to world trade?"),
    ]


def test_clean_generated_track_log_is_left_alone() -> None:
    text = f"{BODY_A}\nAdvertisement\nTake-off from Lumut\n{BODY_B}\n"
    doc = clean_document(Document("t", "t.json", text, fmt="track"))
    assert doc.removed == [] and doc.embeds == []
