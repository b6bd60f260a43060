"""Constructions fixed for held-out text, on sentences written for these tests with hand-built
annotations (a stand-in for the language layer): each asserts the type, roles, status or place."""

from __future__ import annotations

from casus.extract import extract_events
from casus.records import Actor, Annotations, Document, Place, Published

STATES = {"Norway": "NOR", "Sweden": "SWE", "Finland": "FIN", "Denmark": "DNK", "Estonia": "EST",
          "Oslo": "NOR", "Helsinki": "FIN", "Norwegian": "NOR", "Swedish": "SWE", "Finnish": "FIN",
          "Danish": "DNK"}
CITIES = {"Oslo": "NOR", "Helsinki": "FIN", "Bergen": "NOR", "Tampere": "FIN"}
COUNTRIES = {"Norway": "NOR", "Sweden": "SWE", "Finland": "FIN", "Denmark": "DNK", "Estonia": "EST"}


def spans(text: str, names: dict[str, str]):
    for name, code in names.items():
        start = text.find(name)
        while start >= 0:
            yield start, name, code
            start = text.find(name, start + len(name))


def annotate(text: str) -> Annotations:
    actors = [Actor(s, s + len(n), n, n, c, "GOV", "state") for s, n, c in spans(text, STATES)]
    places = [Place(s, s + len(n), n, n, c, kind="city") for s, n, c in spans(text, CITIES)]
    places += [Place(s, s + len(n), n, n, c, kind="country") for s, n, c in spans(text, COUNTRIES)]
    return Annotations("t", actors=sorted(actors, key=lambda a: a.start), places=sorted(places, key=lambda p: p.start))


def run(nlp, text: str):
    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    return extract_events(doc, nlp(text), annotate(text))


def of_type(events, type_: str):
    return [e for e in events if e.type == type_]


def codes(ev) -> tuple:
    return (ev.source.code if ev.source else None, ev.target.code if ev.target else None)


def test_extract_cutting_ties_is_a_sanction_not_a_denied_cooperation(nlp) -> None:
    events = run(nlp, "Norway on Monday suspended its defence partnership with Finland.")
    assert [codes(e) for e in of_type(events, "SANCTION")] == [("NOR", "FIN")]
    assert of_type(events, "SANCTION")[0].status == "occurred"
    assert not of_type(events, "COOPERATE")


def test_extract_cancelled_agreements_are_sanctions_for_each_coordinated_source(nlp) -> None:
    events = run(nlp, "Norway and Sweden condemned the tests and cancelled their fishing agreements with Finland.")
    sanctions = of_type(events, "SANCTION")
    assert sorted(codes(e) for e in sanctions) == [("NOR", "FIN"), ("SWE", "FIN")]
    assert all(e.evidence_text.startswith("cancelled") for e in sanctions)  # its own conjunct as evidence
    assert sorted(codes(e)[0] for e in of_type(events, "ACCUSE")) == ["NOR", "SWE"]


def test_extract_lifting_sanctions_is_a_retreat(nlp) -> None:
    events = run(nlp, "Sweden lifted the sanctions on Finland.")
    assert [e.type for e in events] == ["RETREAT"]


def test_extract_stopping_attacks_is_a_planned_retreat(nlp) -> None:
    events = run(nlp, "The Kremlin said Norway would stop shelling Finland's power stations for a month.")
    retreat = of_type(events, "RETREAT")
    assert retreat and retreat[0].mode == "ceasefire" and retreat[0].status == "planned"
    assert codes(retreat[0]) == ("NOR", "FIN")
    assert not of_type(events, "ASSAULT")


def test_extract_posing_a_threat_is_an_accusation_by_the_speaker(nlp) -> None:
    events = run(nlp, "Norway said the Swedish missile tests posed a serious threat to the region.")
    assert not of_type(events, "THREATEN")
    accuse = of_type(events, "ACCUSE")
    assert accuse and codes(accuse[0]) == ("NOR", "SWE")


def test_extract_threat_posed_by_a_relative_clause_is_no_event(nlp) -> None:
    events = run(nlp, "Finnish jets struck two radar sites that posed a threat to shipping.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_extract_evacuation_order_is_coercion_not_a_retreat(nlp) -> None:
    events = run(nlp, "The Norwegian army ordered residents of several villages near Tampere to leave immediately.")
    assert not of_type(events, "RETREAT")
    coerce = of_type(events, "COERCE")
    assert coerce and codes(coerce[0]) == ("NOR", "FIN")


def test_extract_reported_would_is_planned(nlp) -> None:
    events = run(nlp, "Norway, Sweden and Denmark said they would impose sanctions on Finnish officials.")
    sanctions = of_type(events, "SANCTION")
    assert sorted(codes(e) for e in sanctions) == [("DNK", "FIN"), ("NOR", "FIN"), ("SWE", "FIN")]
    assert {e.status for e in sanctions} == {"planned"}


def test_extract_conditional_would_stays_hypothetical(nlp) -> None:
    events = run(nlp, "Norway said it would impose sanctions on Finland if the talks failed.")
    assert [e.status for e in of_type(events, "SANCTION")] == ["hypothetical"]


def test_extract_refusing_future_cooperation_is_a_rejection(nlp) -> None:
    events = run(nlp, "Norway would not hold talks with Finland before the election.")
    assert [(e.type, e.status) for e in events] == [("REJECT", "occurred")]
    assert codes(events[0]) == ("NOR", "FIN")


def test_extract_location_is_the_object_of_a_locative_preposition(nlp) -> None:
    events = run(nlp, "A Norwegian military transport plane landed in Helsinki on Sunday.")
    assert events and events[0].location is not None and events[0].location.name == "Helsinki"
    assert codes(events[0]) == ("NOR", "FIN")  # the capital is both the host and the place


def test_extract_meeting_place_is_a_location_not_a_target(nlp) -> None:
    events = run(nlp, "Norwegian and Swedish delegations will meet in Helsinki on Monday.")
    consult = of_type(events, "CONSULT")
    assert [codes(e) for e in consult] == [("NOR", "SWE")]
    assert consult[0].location.name == "Helsinki" and consult[0].status == "planned"


def test_extract_phone_call_pairs_the_coordinated_speakers(nlp) -> None:
    events = run(nlp, "The Norwegian and Finnish prime ministers spoke by phone on Tuesday.")
    assert [(e.type, e.mode, codes(e)) for e in events] == [("CONSULT", "phone", ("NOR", "FIN"))]


def test_extract_weapons_sent_to_a_state_are_aid(nlp) -> None:
    events = run(nlp, "Officials said Sweden had sent anti-tank missiles to Finland last month.")
    assert [(e.type, codes(e)) for e in events] == [("AID", ("SWE", "FIN"))]


def test_extract_troops_sent_to_a_region_are_a_mobilization(nlp) -> None:
    events = run(nlp, "Sweden sent two army brigades to the northern border.")
    assert [e.type for e in events] == ["MOBILIZE"]


def test_extract_denied_receipt_of_weapons_is_denied_aid_from_the_giver(nlp) -> None:
    events = run(nlp, "Finland denied receiving missiles from Sweden.")
    aid = of_type(events, "AID")
    assert aid and codes(aid[0]) == ("SWE", "FIN") and aid[0].status == "denied"


def test_extract_launching_weapons_at_a_state_is_an_assault(nlp) -> None:
    events = run(nlp, "Norway launched 40 drones and two cruise missiles at Finland overnight.")
    assault = of_type(events, "ASSAULT")
    assert assault and codes(assault[0]) == ("NOR", "FIN") and assault[0].mode == "drone"


def test_extract_detected_foreign_forces_are_their_mobilization(nlp) -> None:
    events = run(nlp, "Finland said it had detected 30 Swedish military aircraft near its coast.")
    assert [(e.type, codes(e)) for e in events] == [("MOBILIZE", ("SWE", "FIN"))]


def test_extract_killing_told_through_a_when_clause_is_one_attack(nlp) -> None:
    events = run(nlp, "Four sailors were killed when Norwegian gunboats hit a Finnish ferry.")
    assault = of_type(events, "ASSAULT")
    assert len(assault) == 1 and codes(assault[0])[0] == "NOR"


def test_extract_damage_by_foreign_drones_targets_the_place_state(nlp) -> None:
    events = run(nlp, "A power plant near Tampere was damaged by Swedish drones.")
    assert [(e.type, codes(e)) for e in events] == [("ASSAULT", ("SWE", "FIN"))]


def test_extract_condemning_an_act_targets_its_author(nlp) -> None:
    events = run(nlp, "Norway held military drills near Finland on Monday. Finland condemned the drills.")
    accuse = of_type(events, "ACCUSE")
    assert accuse and codes(accuse[0]) == ("FIN", "NOR")


def test_extract_label_in_passing_is_no_accusation(nlp) -> None:
    events = run(nlp, "Norway would strike what it called Finnish smuggling networks.")
    assert not of_type(events, "ACCUSE")


def test_extract_anonymity_request_is_no_request(nlp) -> None:
    events = run(nlp, "A Finnish official, who asked not to be named, said the talks had stalled.")
    assert not of_type(events, "REQUEST")


def test_extract_result_participle_is_no_retreat(nlp) -> None:
    events = run(nlp, "Swedish drones damaged a substation near Tampere, leaving 3,000 homes without power.")
    assert [e.type for e in events] == ["ASSAULT"]


def test_extract_released_video_is_no_release(nlp) -> None:
    events = run(nlp, "Norway released a video of the Finnish patrol boat.")
    assert not of_type(events, "RETREAT")


def test_extract_reflexive_object_is_no_target(nlp) -> None:
    events = run(nlp, "Finland said it was ready to defend itself.")
    assert not of_type(events, "SUPPORT")


def test_extract_welcome_summon_and_rescue_are_typed(nlp) -> None:
    events = run(nlp, "Norway welcomed the decision. Sweden summoned the Danish ambassador. "
                      "A Finnish coast guard vessel rescued 12 Estonian sailors.")
    assert [e.type for e in events] == ["SUPPORT", "ACCUSE", "AID"]
    assert codes(events[1]) == ("SWE", "DNK")
